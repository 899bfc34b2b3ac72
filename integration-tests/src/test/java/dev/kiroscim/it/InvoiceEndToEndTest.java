package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoice against the naive figure, black-box: a seat freed and given to the next person in line is charged
 * twice this month (Kiro keeps a released user's charge to the month's end), while "holders × price" says once. The
 * same invoice through the API, the CLI on the running server, and the CLI on the stopped server's data dir; the
 * seats overview and /metrics label their holder-based cost and carry the invoice figures.
 */
class InvoiceEndToEndTest {

    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
                includedCredits: 1000
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
                includedCredits: 10000
            pools:
              - group: Dev-Team
                tier: PRO
                seats: 1
            overage:
              enabled: true
              pricePerCreditUsd: 0.04
            """;

    @Test
    void aSeatHandedOnThisMonthIsBilledTwiceWhileTheNaiveFigureSaysOnce(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY);
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigPath(config))) {
            ScimClient scim = ScimClient.bearer(server);
            String annName = Bodies.uniqueUserName("invoice-ann");
            String bobName = Bodies.uniqueUserName("invoice-bob");
            String ann = scim.createUser(annName);
            String bob = scim.createUser(bobName);
            // Ann joins first, Bob in a later request: members added in one request join at the same moment, and
            // then the user id decides the line (docs/entitlements.md rule 3), which would make Ann's seat a coin toss.
            String team = scim.createGroup("Dev-Team", ann);
            scim.patch("/Groups/" + team, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(bob)).expectStatus(200);
            scim.patch("/Groups/" + team, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ann)).expectStatus(200);

            JsonNode invoice = scim.get(server.baseUri() + "/admin/v1/invoice")
                    .expectStatus(200)
                    .json();
            assertThat(invoice.path("complete").asBoolean()).isFalse();
            List<String> lines = new ArrayList<>();
            invoice.path("lines")
                    .forEach(l -> lines.add(l.path("userName").asText() + " "
                            + l.path("tier").asText() + " " + l.path("totalUsd").asDouble()));
            assertThat(lines).containsExactlyInAnyOrder(annName + " PRO 20.0", bobName + " PRO 20.0");
            JsonNode annLine = invoice.path("lines").get(lines.indexOf(annName + " PRO 20.0"));
            assertThat(annLine.path("reason").asText()).contains("charged to the month's end");
            assertThat(invoice.path("totalUsd").asDouble()).isEqualTo(40.0);
            assertThat(invoice.path("naive").path("holders").asInt()).isEqualTo(1);
            assertThat(invoice.path("naive").path("costUsd").asDouble()).isEqualTo(20.0);
            assertThat(invoice.path("forecast").path("forecastUsd").asDouble()).isEqualTo(40.0);
            assertThat(invoice.path("tiers").get(0).path("users").asInt()).isEqualTo(2);

            JsonNode seats = scim.get(server.baseUri() + "/admin/v1/seats")
                    .expectStatus(200)
                    .json();
            assertThat(seats.path("monthlyCostUsd").asInt()).isEqualTo(20);
            assertThat(seats.path("monthlyCostBasis").asText()).startsWith("at current holders");
            String metrics =
                    scim.get(server.baseUri() + "/metrics").expectStatus(200).body();
            assertThat(metrics)
                    .contains(
                            "kiro_invoice_cost_so_far_usd 40.0\n",
                            "kiro_invoice_naive_usd 20.0\n",
                            "kiro_invoice_forecast_usd 40.0\n",
                            "kiro_usage_credits_month{tier=\"PRO\"} 0");

            scim.get(server.baseUri() + "/admin/v1/invoice", "month", "last").expectStatus(400);
            JsonNode advice = scim.get(server.baseUri() + "/admin/v1/recommendations")
                    .expectStatus(200)
                    .json();
            assertThat(advice.path("recommendations").size())
                    .as("no report data, no advice")
                    .isZero();
            assertThat(advice.path("holdersWithoutData").asInt()).isEqualTo(1);
            assertThat(advice.path("basedOn").size()).isEqualTo(3);
            scim.get(server.baseUri() + "/admin/v1/recommendations", "months", "13")
                    .expectStatus(400);
            JsonNode past = scim.get(server.baseUri() + "/admin/v1/invoice", "month", "2020-01")
                    .expectStatus(200)
                    .json();
            assertThat(past.path("complete").asBoolean()).isTrue();
            assertThat(past.path("lines").size()).isZero();

            KiroCli.Result online = KiroCli.run(
                    "invoice", "--url", server.baseUri().toString(), "--token", server.token(), "--format", "csv");
            assertThat(online.exitCode()).as(online.describe()).isZero();
            assertThat(online.stdout().lines().findFirst().orElseThrow())
                    .isEqualTo("user,tier,baseUsd,credits,overageCredits,overageUsd,totalUsd,why");
            assertThat(online.stdout()).contains("TOTAL,,,,,,40.00,");

            server.stop();
            KiroCli.Result offline = KiroCli.run(
                    "invoice",
                    "--data-dir",
                    server.dataDir().toString(),
                    "--config",
                    config.toString(),
                    "--format",
                    "json");
            assertThat(offline.exitCode()).as(offline.describe()).isZero();
            assertThat(Json.parse(offline.stdout()).path("totalUsd").asDouble()).isEqualTo(40.0);
        }
    }
}
