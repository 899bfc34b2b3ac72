package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage and money once a Kiro report is imported from {@code usage.directory}: ann (linked to Identity Store user
 * {@code idc-ann}) used 1,500 credits on 14 Nov, 500 over her PRO allowance; dan holds a seat but is not linked, so the
 * report cannot name him. The import, the usage, the invoice and the idle-seat view follow those numbers.
 */
class UsageReportApiTest {

    private static final String HEADER = "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,"
            + "Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages,New_User,User_Email,"
            + "Usage_Limit\n";

    @TempDir
    static Path dir;

    private static AdminApiFixture api;
    private static JsonNode imported;

    @BeforeAll
    static void importAReport() throws IOException {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(
                reports.resolve("KIRO_IDE_111122223333_user_report_202611140000.csv"),
                HEADER + "2026-11-14,\"idc-ann\",KIRO_IDE,6,1500.00,1000.0,500.0,true,profile,PRO,58,false,"
                        + "\"ann@example.com\",1000\n");
        api = AdminApiFixture.start(dir, "usage:\n  directory: " + reports.toAbsolutePath() + "\n");
        api.linkToIdentityCenter("ann", "idc-ann");
        AdminApiFixture.Answer answer = api.post("admin/v1/usage/import", "{\"from\":\"2026-11-01\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        imported = answer.json();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theImportReportsWhatItRead() {
        assertThat(imported.path("filesImported").asInt()).isEqualTo(1);
        assertThat(imported.path("rowsImported").asInt()).isEqualTo(1);
        assertThat(imported.path("reclaimed").size()).as("no pool reclaims").isZero();
    }

    @Test
    void theMonthsUsageCountsAnnsCredits() {
        JsonNode month = api.get("admin/v1/usage?month=2026-11").json();
        assertThat(month.path("dataThrough").asText()).isEqualTo("2026-11-14");
        assertThat(month.path("totals").path("users").asInt()).isEqualTo(1);
        assertThat(month.path("totals").path("credits").asDouble()).isEqualTo(1500.0);
        JsonNode ann =
                api.get("admin/v1/users/ann@example.com/usage?month=2026-11").json();
        assertThat(ann.path("mapped").asBoolean()).isTrue();
        assertThat(ann.path("reportConfigured").asBoolean()).isTrue();
        assertThat(ann.path("usage").toString()).contains("1500");
        assertThat(api.get("admin/v1/users/dan@example.com/usage?month=2026-11")
                        .json()
                        .path("mapped")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void theInvoiceChargesAnnsOverageAtThePolicysPrice() {
        JsonNode invoice = api.get("admin/v1/invoice?month=2026-11").json();
        JsonNode ann = null;
        for (JsonNode line : invoice.path("lines")) {
            if (line.path("userName").asText().equals("ann@example.com")) {
                ann = line;
            }
        }
        assertThat(ann).as(invoice.toString()).isNotNull();
        assertThat(ann.path("creditsUsed").asDouble()).isEqualTo(1500.0);
        assertThat(ann.path("overageCredits").asDouble()).isEqualTo(500.0);
        assertThat(ann.path("overageUsd").asDouble()).isEqualTo(20.0);
        assertThat(ann.path("totalUsd").asDouble()).isEqualTo(40.0);
        assertThat(invoice.path("totalUsd").asDouble()).as("ann 40 + dan 200").isEqualTo(240.0);
    }

    @Test
    void idleSeatsTellActiveFromUnmappedHolders() {
        JsonNode idle = api.get("admin/v1/seats/idle?days=30").json();
        assertThat(idle.path("reportConfigured").asBoolean()).isTrue();
        assertThat(idle.path("dataThrough").asText()).isEqualTo("2026-11-14");
        assertThat(idle.path("counts").path("active").asInt()).isEqualTo(1);
        assertThat(idle.path("counts").path("notMapped").asInt()).isEqualTo(1);
        assertThat(idle.path("idle").size()).isZero();
    }
}
