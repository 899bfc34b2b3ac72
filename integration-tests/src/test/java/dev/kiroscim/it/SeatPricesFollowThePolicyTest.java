package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seat prices have one source, the policy in force: after {@code POST /admin/v1/policy/reload}, SIGHUP, or (on a
 * PostgreSQL cluster) {@code policy apply} on any replica, the seats report ({@code GET /admin/v1/reports/seats} and
 * {@code report seats}) and the cost in {@code /metrics} use the new prices, not the ones read at start-up.
 */
class SeatPricesFollowThePolicyTest {

    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: %s
            pools:
              - group: Price-Team
                tier: PRO
            """;
    private static final Pattern COST = Pattern.compile("(?m)^kiro_seats_monthly_cost_usd ([0-9.eE+]+)$");

    private final List<KiroServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(KiroServer::close);
    }

    private KiroServer start(ServerOptions options) {
        KiroServer server = KiroServer.start(options);
        servers.add(server);
        return server;
    }

    private static String month() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }

    /** The PRO tier's price in the month's seats report. */
    private static BigDecimal reportedPrice(KiroServer s) {
        JsonNode report = admin(s, "GET", "/admin/v1/reports/seats?month=" + month());
        for (JsonNode tier : report.path("tiers")) {
            if (tier.path("tier").asText().equals("PRO")) {
                return tier.path("monthlyPriceUsd").decimalValue();
            }
        }
        throw new AssertionError("no PRO row in " + report);
    }

    private static BigDecimal metricsCost(KiroServer s) {
        ScimResponse r =
                RawHttp.to(s).send("GET", s.baseUri() + "/metrics", null, "Authorization", "Bearer " + s.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = COST.matcher(r.body());
        assertThat(m.find()).as("kiro_seats_monthly_cost_usd in /metrics").isTrue();
        return new BigDecimal(m.group(1));
    }

    private static JsonNode admin(KiroServer s, String method, String path) {
        ScimResponse r = RawHttp.to(s)
                .send(
                        method,
                        s.baseUri() + path,
                        method.equals("POST") ? "" : null,
                        "Authorization",
                        "Bearer " + s.token());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static void giveASeat(KiroServer s) {
        ScimClient scim = ScimClient.bearer(s);
        scim.createGroup("Price-Team", scim.createUser(Bodies.uniqueUserName("price-ann")));
    }

    @Test
    void aReloadOrSighupChangesTheReportAndTheMetricsOnH2(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY.formatted("20"));
        KiroServer server = start(ServerOptions.on(Backend.H2).withConfigPath(config));
        giveASeat(server);
        assertThat(reportedPrice(server)).isEqualByComparingTo("20");
        assertThat(metricsCost(server)).isEqualByComparingTo("20");

        Files.writeString(config, POLICY.formatted("30"));
        admin(server, "POST", "/admin/v1/policy/reload");
        assertThat(reportedPrice(server)).as("report after a reload").isEqualByComparingTo("30");
        assertThat(metricsCost(server)).as("/metrics after a reload").isEqualByComparingTo("30");

        Files.writeString(config, POLICY.formatted("45"));
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start();
        assertThat(kill.waitFor()).isZero();
        Poll.until(
                "the SIGHUP reload",
                Duration.ofSeconds(20),
                Duration.ofMillis(100),
                () -> reportedPrice(server),
                p -> p.compareTo(new BigDecimal("45")) == 0);
        assertThat(metricsCost(server)).as("/metrics after SIGHUP").isEqualByComparingTo("45");

        // report seats on the stopped server's data dir: the policy the server last enforced, from the database
        server.stop();
        KiroCli.Result report = KiroCli.run(
                "report",
                "seats",
                "--month",
                month(),
                "--format",
                "json",
                "--data-dir",
                server.dataDir().toString(),
                "--config",
                dir.resolve("no-such-file.yaml").toString());
        assertThat(report.exitCode()).as(report.describe()).isZero();
        assertThat(report.stdout()).contains("\"monthlyPriceUsd\" : 45").doesNotContain("\"monthlyPriceUsd\" : 20");
    }

    @Test
    void policyApplyChangesTheReportAndTheMetricsOfEveryReplica(@TempDir Path dir) throws Exception {
        ExternalComponent.requirePostgres();
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY.formatted("20"));
        KiroServer a = start(ServerOptions.on(Backend.POSTGRES).withConfigPath(config));
        KiroServer b = start(ServerOptions.on(Backend.H2)
                .withConfigPath(config)
                .withArgs(a.databaseArgs().toArray(String[]::new)));
        giveASeat(a);
        assertThat(reportedPrice(b)).isEqualByComparingTo("20");

        Path applied = dir.resolve("applied.yaml");
        Files.writeString(applied, POLICY.formatted("35"));
        List<String> apply = new ArrayList<>(List.of("policy", "apply", applied.toString()));
        apply.addAll(a.databaseArgs());
        KiroCli.Result result = KiroCli.run(apply.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        for (KiroServer replica : List.of(a, b)) {
            Poll.until(
                    "replica enforces the applied prices",
                    Duration.ofSeconds(10),
                    Duration.ofMillis(100),
                    () -> metricsCost(replica),
                    c -> c.compareTo(new BigDecimal("35")) == 0);
            assertThat(reportedPrice(replica)).isEqualByComparingTo("35");
        }
    }
}
