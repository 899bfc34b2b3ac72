package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Three (or N) replicas of the real jar on one database, behind HAProxy, syncing to the Identity Store emulator
 * through an {@link IdentityStoreTap}. The database is a parameter ({@link ClusterDatabase}): a fresh database on
 * the machine's PostgreSQL for the kill/stall scenarios, a private PostgreSQL cluster for the one that restarts it.
 */
final class ChaosCluster implements AutoCloseable {

    /** Where the replicas' data lives. */
    interface ClusterDatabase extends AutoCloseable {
        /** {@code --db-url …} arguments for the replicas and the CLI. */
        List<String> serverArgs();

        Connection connect() throws java.sql.SQLException;

        @Override
        void close();
    }

    /** A fresh database on the machine's PostgreSQL (127.0.0.1:5432). */
    static ClusterDatabase freshPostgres() {
        ExternalComponent.requirePostgres();
        Postgres pg = Postgres.createFreshDatabase();
        return new ClusterDatabase() {
            @Override
            public List<String> serverArgs() {
                return List.of("--db-url", pg.jdbcUrl(), "--db-user", pg.user());
            }

            @Override
            public Connection connect() throws java.sql.SQLException {
                Properties p = new Properties();
                p.setProperty("user", pg.user());
                return DriverManager.getConnection(pg.jdbcUrl(), p);
            }

            @Override
            public void close() {
                pg.close();
            }
        };
    }

    static final int RATE = 20;
    static final Duration CLAIM_LEASE = Duration.ofSeconds(5);
    /** Pool group → seats, in the two policy versions the load toggles between. */
    static final Map<String, Integer> CAPS_A = Map.of("Pool-Dev", 8, "Pool-Plat", 4);

    static final Map<String, Integer> CAPS_B = Map.of("Pool-Dev", 5, "Pool-Plat", 6);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    final ClusterDatabase database;
    final IdentityStoreTap tap;
    final String storeId = Emulator.newStoreId();
    final Path config;
    final String token = "kiro_chaos_" + UUID.randomUUID().toString().replace("-", "");
    final List<ClusterReplica> replicas = new ArrayList<>();
    final Map<String, Map<String, Integer>> capsBySha = new LinkedHashMap<>();
    final Path logDir;
    private final URI emulator;
    HaproxyFrontend haproxy;
    final int rate;
    private final Map<String, Integer> capsA;
    private final Map<String, Integer> capsB;
    private boolean policyA = true;

    ChaosCluster(ClusterDatabase database, URI emulator, String name) throws IOException {
        this(database, emulator, name, RATE, CAPS_A, CAPS_B);
    }

    /** With another Identity Store budget and pool caps (the benchmark's uncapped backlog). */
    ChaosCluster(
            ClusterDatabase database,
            URI emulator,
            String name,
            int rate,
            Map<String, Integer> capsA,
            Map<String, Integer> capsB)
            throws IOException {
        this.rate = rate;
        this.capsA = capsA;
        this.capsB = capsB;
        this.database = database;
        this.emulator = emulator;
        this.tap = new IdentityStoreTap(emulator);
        this.logDir = Files.createDirectories(Path.of(
                "target",
                "it-logs",
                "chaos-" + name + "-" + ProcessHandle.current().pid()));
        this.config = Files.createTempFile("kiro-chaos-", ".yaml");
        capsBySha.put(sha256(configText(capsA)), capsA);
        capsBySha.put(sha256(configText(capsB)), capsB);
        Files.writeString(config, configText(capsA));
    }

    String configText(Map<String, Integer> caps) {
        return """
                server:
                  maxRequestAge: PT8S
                identityCenter:
                  identityStoreId: %s
                  region: us-east-1
                  endpoint: %s
                  maxRequestsPerSecond: %d
                  claimLease: PT%dS
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                  - name: PRO_PLUS
                    identityCenterGroup: kiro-pro-plus
                    monthlyPriceUsd: 40
                pools:
                  - group: Pool-Dev
                    tier: PRO
                    seats: %d
                  - group: Pool-Plat
                    tier: PRO_PLUS
                    seats: %d
                """.formatted(
                storeId, tap.endpoint(), rate, CLAIM_LEASE.toSeconds(), caps.get("Pool-Dev"), caps.get("Pool-Plat"));
    }

    /** Starts {@code n} replicas (in parallel) and HAProxy in front of them. */
    void start(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            replicas.add(new ClusterReplica(
                    i,
                    HaproxyFrontend.freePort(),
                    config,
                    database.serverArgs(),
                    token,
                    logDir.resolve("replica-" + i + ".log")));
        }
        replicas.get(0).start(); // the first migrates the schema alone
        replicas.get(0).awaitReady(Duration.ofSeconds(180));
        for (int i = 1; i < n; i++) {
            replicas.get(i).start();
        }
        for (ClusterReplica r : replicas) {
            r.awaitReady(Duration.ofSeconds(180));
        }
        haproxy = HaproxyFrontend.start(
                replicas.stream().map(ClusterReplica::port).toList(), logDir);
    }

    URI lb() {
        return haproxy.baseUri();
    }

    /** Rewrites the shared config file with the other caps; the caller then reloads through the load balancer. */
    synchronized void togglePolicyFile() throws IOException {
        policyA = !policyA;
        Files.writeString(config, configText(policyA ? capsA : capsB));
    }

    /** Restarts every replica that is not running and waits until all are ready. */
    void reviveAll() {
        for (ClusterReplica r : replicas) {
            if (!r.running()) {
                r.start();
            }
        }
        for (ClusterReplica r : replicas) {
            r.awaitReady(Duration.ofSeconds(180));
        }
    }

    /** An admin GET through the load balancer, retried on connection errors and 5xx. */
    JsonNode admin(String path) {
        return Poll.until(
                "GET " + path,
                Duration.ofSeconds(60),
                Duration.ofMillis(200),
                () -> {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(lb().resolve(path))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Authorization", "Bearer " + token)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                    } catch (IOException e) {
                        return null;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                },
                j -> j != null);
    }

    /** Creates the pool groups; returns displayName → id. */
    Map<String, String> createPoolGroups(OktaLoad client) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String g : List.of("Pool-Dev", "Pool-Plat")) {
            OktaLoad.Answer a = client.send(
                    "POST",
                    "/scim/v2/Groups",
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + g + "\"}");
            if (a.status() != 201) {
                throw new AssertionError("creating group " + g + " answered " + a.status());
            }
            ids.put(g, a.json().path("id").asText());
        }
        return ids;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.close();
        }
        for (ClusterReplica r : replicas) {
            r.close();
        }
        tap.close();
        database.close();
        try {
            Files.deleteIfExists(config);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
