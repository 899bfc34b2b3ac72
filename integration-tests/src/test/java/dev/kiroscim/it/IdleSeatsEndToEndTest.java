package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle seats and {@code reclaim: release}, end to end (moto Identity Store for the user mapping, reports in a local
 * directory). Seats are granted today, so the report file the test writes is dated 40 days ahead: Ann is active that
 * day, Bob never is. Before any import nobody is idle (no report data is not idleness); after it Bob's seat is
 * reclaimed for Cid, who waited, and explain tells Bob why and how to get it back. Dee, as idle as Bob but in a pool
 * with a 60-day {@code reclaimGrace}, keeps her seat (in grace), and Eve keeps waiting behind her.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleSeatsEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private Emulator moto;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        moto = Emulator.start();
    }

    @AfterAll
    void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void requireEmulator() {
        moto.require();
    }

    @Test
    void idleSeatIsReclaimedForTheNextInLine_missingDataNeverIs() throws Exception {
        String storeId = Emulator.newStoreId();
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, """
                identityCenter:
                  identityStoreId: %s
                  region: us-east-1
                  endpoint: %s
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                    includedCredits: 1000
                pools:
                  - group: Idle-Team
                    tier: PRO
                    seats: 2
                    reclaimAfterIdle: P30D
                    reclaim: release
                    reclaimGrace: P0D
                  - group: Idle-Grace
                    tier: PRO
                    seats: 1
                    reclaimAfterIdle: P30D
                    reclaim: release
                    reclaimGrace: P60D
                usage:
                  directory: %s
                """.formatted(storeId, moto.endpoint(), reports));
        try (KiroServer server = KiroServer.start(
                        ServerOptions.on(Backend.H2).withConfigPath(config).withStaticAwsCredentials());
                IdentityStoreView view = IdentityStoreView.of(moto.endpoint(), storeId)) {
            ScimClient scim = ScimClient.bearer(server);
            String annName = Bodies.uniqueUserName("idle-ann");
            String bobName = Bodies.uniqueUserName("idle-bob");
            String cidName = Bodies.uniqueUserName("idle-cid");
            String ann = scim.createUser(annName);
            String bob = scim.createUser(bobName);
            String cid = scim.createUser(cidName);
            String deeName = Bodies.uniqueUserName("idle-dee");
            String dee = scim.createUser(deeName);
            String eve = scim.createUser(Bodies.uniqueUserName("idle-eve"));
            String graceTeam = scim.createGroup("Idle-Grace", dee);
            scim.patch("/Groups/" + graceTeam, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(eve)).expectStatus(200);
            // one by one, so the queue order is Ann, Bob, Cid (rule 3: join time first)
            String team = scim.createGroup("Idle-Team", ann);
            for (String member : List.of(bob, cid)) {
                scim.patch("/Groups/" + team, """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(member)).expectStatus(200);
            }
            IdentityStoreView.Snapshot snap = Poll.until(
                    "seat holders in the Identity Store",
                    TIMEOUT,
                    POLL,
                    view::snapshot,
                    s -> s.users().containsKey(annName)
                            && s.users().containsKey(bobName)
                            && s.users().containsKey(deeName));

            JsonNode before = scim.get(server.baseUri() + "/admin/v1/seats/idle", "days", "30")
                    .expectStatus(200)
                    .json();
            assertThat(before.path("idle").size()).isZero();
            assertThat(before.path("noReportData"))
                    .extracting(h -> h.path("message").asText())
                    .containsOnly("no Kiro activity report imported yet (POST /admin/v1/usage/import)");
            assertThat(before.path("counts").path("holders").asInt()).isEqualTo(3);

            // the report covers today (its first day, so idleness counts from the grant) and the day 40 days ahead
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate day = today.plusDays(40);
            for (LocalDate d : List.of(today, day)) {
                Path folder = Files.createDirectories(
                        reports.resolve("kiro/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/"
                                + d.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/00"));
                Files.writeString(
                        folder.resolve("KIRO_IDE_111122223333_user_report_" + d.format(DateTimeFormatter.BASIC_ISO_DATE)
                                + "0000.csv"),
                        "Date,UserId,Client_Type,Credits_Used,User_Email\n" + d + ","
                                + snap.users().get(annName).userId() + ",KIRO_IDE,12.5," + annName + "\n");
            }

            JsonNode imported = scim.post(server.baseUri() + "/admin/v1/usage/import?from=" + today, null)
                    .expectStatus(200)
                    .json();
            assertThat(imported.path("rowsImported").asInt()).isEqualTo(2);
            assertThat(imported.path("reclaimed"))
                    .as("Dee is as idle as Bob, but in grace")
                    .extracting(r -> r.path("userId").asText())
                    .containsExactly(bob);

            JsonNode audit = scim.get(server.baseUri() + "/admin/v1/audit", "type", "seat.reclaimed")
                    .expectStatus(200)
                    .json();
            JsonNode event = audit.path("events").get(0);
            assertThat(event.path("subject").path("id").asText()).isEqualTo(bob);
            assertThat(event.path("details").path("daysIdle").asLong()).isEqualTo(41);
            assertThat(event.path("details").path("lastActivity").isNull()).isTrue();
            JsonNode cidSeat = scim.get(server.baseUri() + "/admin/v1/entitlements/" + cid)
                    .expectStatus(200)
                    .json();
            assertThat(cidSeat.toString()).contains("Idle-Team");

            JsonNode after = scim.get(server.baseUri() + "/admin/v1/seats/idle", "days", "30")
                    .expectStatus(200)
                    .json();
            List<String> verdicts = new ArrayList<>();
            after.path("idle")
                    .forEach(h -> verdicts.add(h.path("userName").asText() + " "
                            + h.path("verdict").asText()));
            after.path("noReportData")
                    .forEach(h -> verdicts.add(h.path("userName").asText() + " "
                            + h.path("verdict").asText()));
            assertThat(after.path("counts").path("active").asInt()).isEqualTo(1);
            assertThat(after.path("inGrace")).singleElement().satisfies(h -> {
                assertThat(h.path("userId").asText()).isEqualTo(dee);
                assertThat(h.path("verdict").asText()).isEqualTo("IN_GRACE");
                assertThat(h.path("daysIdle").asLong()).isEqualTo(41);
            });
            assertThat(new SeatsAdmin(server).state(dee)).isEqualTo("ASSIGNED PRO Idle-Grace");
            assertThat(new SeatsAdmin(server).state(eve)).isEqualTo("WAITLISTED - -");
            assertThat(verdicts)
                    .as("Cid, just promoted and not linked or not active yet, is never counted idle without data")
                    .allMatch(v -> v.startsWith(cidName));

            JsonNode annExplain = scim.get(server.baseUri() + "/admin/v1/users/" + annName + "/explain")
                    .expectStatus(200)
                    .json();
            JsonNode annKiro =
                    annExplain.path("checks").get(annExplain.path("checks").size() - 1);
            assertThat(annKiro.path("outcome").asText()).isEqualTo("OK");
            assertThat(annKiro.path("message").asText()).startsWith("last Kiro activity: " + day + " (KIRO_IDE)");

            JsonNode bobExplain = scim.get(server.baseUri() + "/admin/v1/users/" + bobName + "/explain")
                    .expectStatus(200)
                    .json();
            JsonNode bobKiro =
                    bobExplain.path("checks").get(bobExplain.path("checks").size() - 1);
            assertThat(bobKiro.path("outcome").asText()).isEqualTo("BROKEN");
            assertThat(bobKiro.path("message").asText())
                    .contains("was reclaimed", "41 days without Kiro activity", "re-added to Idle-Team");
            assertThat(bobExplain.path("verdict").asText()).contains("reclaimed");

            scim.get(server.baseUri() + "/admin/v1/seats/idle", "days", "0").expectStatus(400);
            scim.get(server.baseUri() + "/admin/v1/seats/idle", "days", "many").expectStatus(400);
        }
    }
}
