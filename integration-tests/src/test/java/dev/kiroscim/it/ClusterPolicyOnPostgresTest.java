package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the real jar on one PostgreSQL: one policy for the cluster (a reload on one replica is enforced
 * by the other within 5 s; a replica starting with a different file keeps the cluster's policy and reports it;
 * {@code policy apply FILE} reaches both), the replica registry ({@code GET /admin/v1/cluster}, {@code /metrics}),
 * and a singleton job moving to the other replica when its holder stops.
 */
class ClusterPolicyOnPostgresTest {

    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
            pools:
              - group: Kiro-Developers
                tier: PRO
                seats: %d
            """;

    private final List<KiroServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(KiroServer::close);
    }

    private KiroServer start(Path config, List<String> dbArgs) {
        ServerOptions options =
                ServerOptions.on(dbArgs == null ? Backend.POSTGRES : Backend.H2).withConfigPath(config);
        if (dbArgs != null) {
            options = options.withArgs(dbArgs.toArray(String[]::new));
        }
        KiroServer s = KiroServer.start(options);
        servers.add(s);
        return s;
    }

    private static JsonNode admin(KiroServer s, String path) {
        ScimResponse r = RawHttp.to(s).send("GET", s.baseUri() + path, null, "Authorization", "Bearer " + s.token());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static int cap(KiroServer s) {
        return admin(s, "/admin/v1/seats").path("pools").get(0).path("seats").asInt();
    }

    @Test
    void oneReloadReachesEveryReplica_andAReplicaStartingWithAnotherFileKeepsTheClustersPolicy(@TempDir Path dir)
            throws Exception {
        ExternalComponent.requirePostgres();
        Path fileA = dir.resolve("a.yaml");
        Path fileB = dir.resolve("b.yaml");
        Files.writeString(fileA, POLICY.formatted(10));
        Files.writeString(fileB, POLICY.formatted(10));
        KiroServer a = start(fileA, null);
        KiroServer b = start(fileB, a.databaseArgs());

        Files.writeString(fileA, POLICY.formatted(7));
        ScimResponse reload = RawHttp.to(a)
                .send("POST", a.baseUri() + "/admin/v1/policy/reload", null, "Authorization", "Bearer " + a.token());
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        long reloadedAt = System.nanoTime();
        Poll.until(
                "replica b enforces the reload",
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                () -> cap(b),
                c -> c == 7);
        System.out.println("CLUSTER policy reload reached the other replica in "
                + Duration.ofNanos(System.nanoTime() - reloadedAt).toMillis() + " ms");

        // b restarts with its (now different) file while a runs: the cluster's policy wins, and b says so
        b.restart();
        assertThat(cap(b))
                .as("the database wins over a differing file while peers run")
                .isEqualTo(7);
        JsonNode cluster = admin(a, "/admin/v1/cluster");
        String active = cluster.path("activePolicySha256").asText();
        JsonNode rowOfB = Poll.until(
                "b's row in the registry",
                Duration.ofSeconds(10),
                Duration.ofMillis(200),
                () -> rowOf(admin(a, "/admin/v1/cluster"), b.port()),
                r -> r != null);
        assertThat(rowOfB.path("policySha256").asText()).isEqualTo(active);
        assertThat(rowOfB.path("fileDiffersFromPolicy").asBoolean()).isTrue();
        assertThat(b.logTail()).contains("differs from the cluster's active policy");

        // policy apply FILE from the CLI reaches both
        List<String> apply = new ArrayList<>(List.of("policy", "apply", fileB.toString()));
        apply.addAll(a.databaseArgs());
        KiroCli.Result applied = KiroCli.run(apply.toArray(String[]::new));
        assertThat(applied.exitCode()).as(applied.describe()).isZero();
        Poll.until(
                "both enforce the applied file",
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                () -> cap(a) + "/" + cap(b),
                "10/10"::equals);
        JsonNode after = Poll.until(
                "b no longer differs",
                Duration.ofSeconds(10),
                Duration.ofMillis(200),
                () -> rowOf(admin(a, "/admin/v1/cluster"), b.port()),
                r -> r != null && !r.path("fileDiffersFromPolicy").asBoolean());
        assertThat(after.path("state").asText()).isEqualTo("live");

        // a bad file changes nothing
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, POLICY.formatted(-1));
        List<String> applyBad = new ArrayList<>(List.of("policy", "apply", bad.toString()));
        applyBad.addAll(a.databaseArgs());
        KiroCli.Result rejected = KiroCli.run(applyBad.toArray(String[]::new));
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.stderr()).contains("seats must not be negative");
        assertThat(cap(a)).isEqualTo(10);
    }

    @Test
    void registryAndMetricsListBothReplicas_andASingletonJobMovesWhenItsHolderStops(@TempDir Path dir)
            throws Exception {
        ExternalComponent.requirePostgres();
        Path file = dir.resolve("kiro-scim.yaml");
        Files.writeString(file, POLICY.formatted(5));
        KiroServer a = start(file, null);
        KiroServer b = start(file, a.databaseArgs());

        JsonNode cluster = Poll.until(
                "two live replicas, seat-expiry held by one",
                Duration.ofSeconds(15),
                Duration.ofMillis(200),
                () -> admin(b, "/admin/v1/cluster"),
                c -> live(c) == 2 && holders(c, "seat-expiry").size() == 1);
        for (JsonNode r : cluster.path("replicas")) {
            assertThat(r.path("id").asText()).startsWith("r-");
            assertThat(r.path("host").asText()).matches("127\\.0\\.0\\.1:(" + a.port() + "|" + b.port() + ")");
            assertThat(r.path("startedAt").asText()).isNotBlank();
            assertThat(r.path("lastHeartbeat").asText()).isNotBlank();
            assertThat(r.path("policySha256").asText()).hasSize(64);
        }
        ScimResponse metrics =
                RawHttp.to(a).send("GET", a.baseUri() + "/metrics", null, "Authorization", "Bearer " + a.token());
        assertThat(metrics.body())
                .contains("kiro_cluster_replicas{state=\"live\"} 2")
                .contains("kiro_cluster_singleton_job_holder{job=\"seat-expiry\"")
                .contains("kiro_cluster_replica_policy_info{");

        String holder = holders(cluster, "seat-expiry").get(0);
        KiroServer holding = holder.endsWith(":" + a.port()) ? a : b;
        KiroServer other = holding == a ? b : a;
        holding.stop(); // graceful: the lease is released, the other replica takes the job at its next heartbeat
        long stoppedAt = System.nanoTime();
        Poll.until(
                "the other replica holds seat-expiry",
                Duration.ofSeconds(15),
                Duration.ofMillis(100),
                () -> holders(admin(other, "/admin/v1/cluster"), "seat-expiry"),
                h -> h.size() == 1 && h.get(0).endsWith(":" + other.port()));
        System.out.println("CLUSTER seat-expiry moved after a graceful stop in "
                + Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis() + " ms");
    }

    private static JsonNode rowOf(JsonNode cluster, int port) {
        for (JsonNode r : cluster.path("replicas")) {
            if (r.path("host").asText().endsWith(":" + port)
                    && "live".equals(r.path("state").asText())) {
                return r;
            }
        }
        return null;
    }

    private static long live(JsonNode cluster) {
        long n = 0;
        for (JsonNode r : cluster.path("replicas")) {
            n += "live".equals(r.path("state").asText()) ? 1 : 0;
        }
        return n;
    }

    private static List<String> holders(JsonNode cluster, String job) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : cluster.path("replicas")) {
            if ("live".equals(r.path("state").asText())) {
                for (JsonNode j : r.path("jobs")) {
                    if (job.equals(j.asText())) {
                        out.add(r.path("host").asText());
                    }
                }
            }
        }
        return out;
    }
}
