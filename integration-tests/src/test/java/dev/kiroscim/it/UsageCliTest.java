package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's {@code usage import [--from]} and {@code usage report --month [--format]}, through a running server
 * ({@code --url}) and on a stopped server's data dir ({@code --data-dir --config}). Reports come from a local directory in
 * Kiro's layout; without Identity Center links every row is for a user the bridge cannot name, which the CLI must count
 * and list, not drop.
 */
class UsageCliTest {

    private static final String KIRO_USER = "0a1b2c3d-1111-7000-8000-00000000a001";

    @Test
    void usageImportAndReportThroughTheServerAndOnTheDataDir(@TempDir Path dir) throws Exception {
        Path reports = Files.createDirectories(
                dir.resolve("reports/kiro/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/2026/11/14/00"));
        Files.writeString(reports.resolve("KIRO_IDE_111122223333_user_report_202611140000.csv"), """
                Date,UserId,Client_Type,Credits_Used,Overage_Credits_Used,User_Email
                2026-11-14,"%s",KIRO_IDE,42.17,0.0,"alice@example.com"
                2026-11-14,"%s",KIRO_IDE,not-a-number,0.0,"alice@example.com"
                """.formatted(
                        KIRO_USER, KIRO_USER));
        Files.writeString(
                reports.resolve("KIRO_CLI_111122223333_user_report_202611140000.csv"), """
                Date,UserId,Client_Type,Credits_Used,Overage_Credits_Used,User_Email
                2026-11-14,"%s",KIRO_CLI,10.00,0.0,"alice@example.com"
                """.formatted(KIRO_USER));
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, "usage:\n  directory: " + dir.resolve("reports") + "\n");

        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigPath(config))) {
            String url = server.baseUri().toString();
            KiroCli.Result imported =
                    KiroCli.run("usage", "import", "--from", "2026-11-01", "--url", url, "--token", server.token());
            assertThat(imported.exitCode()).as(imported.describe()).isZero();
            JsonNode result = Json.parseLenient(imported.stdout());
            assertThat(result.path("filesImported").asInt()).isEqualTo(2);
            assertThat(result.path("rowsImported").asInt()).isEqualTo(2);
            assertThat(result.path("unknownUsers").asInt())
                    .as("no Identity Center link: counted, not dropped")
                    .isEqualTo(1);
            assertThat(result.path("unknownUserList").get(0).path("kiroUserId").asText())
                    .isEqualTo(KIRO_USER);
            assertThat(imported.stderr())
                    .as("a malformed row is reported with its file and line")
                    .containsPattern("KIRO_IDE_111122223333_user_report_202611140000\\.csv:3: ");

            KiroCli.Result again =
                    KiroCli.run("usage", "import", "--from", "2026-11-01", "--url", url, "--token", server.token());
            assertThat(Json.parseLenient(again.stdout()).path("filesUnchanged").asInt())
                    .as("importing twice changes nothing")
                    .isEqualTo(2);
            assertThat(Json.parseLenient(again.stdout()).path("rowsImported").asInt())
                    .isZero();

            KiroCli.Result json = KiroCli.run(
                    "usage",
                    "report",
                    "--month",
                    "2026-11",
                    "--format",
                    "json",
                    "--url",
                    url,
                    "--token",
                    server.token());
            assertThat(json.exitCode()).as(json.describe()).isZero();
            JsonNode month = Json.parseLenient(json.stdout());
            assertThat(month.path("month").asText()).isEqualTo("2026-11");
            assertThat(month.path("dataThrough").asText()).isEqualTo("2026-11-14");
            assertThat(month.path("totals").path("unknownUsers").asInt()).isEqualTo(1);
            KiroCli.Result csv = KiroCli.run(
                    "usage",
                    "report",
                    "--month",
                    "2026-11",
                    "--format",
                    "csv",
                    "--url",
                    url,
                    "--token",
                    server.token());
            assertThat(csv.exitCode()).as(csv.describe()).isZero();
            assertThat(csv.stdout().lines().findFirst())
                    .as("a CSV header")
                    .hasValueSatisfying(h -> assertThat(h).contains(","));

            KiroCli.Result badMonth =
                    KiroCli.run("usage", "report", "--month", "November", "--url", url, "--token", server.token());
            assertThat(badMonth.exitCode()).as(badMonth.describe()).isNotZero();
            KiroCli.Result badFrom =
                    KiroCli.run("usage", "import", "--from", "yesterday", "--url", url, "--token", server.token());
            assertThat(badFrom.exitCode()).as(badFrom.describe()).isNotZero();
            assertThat(badFrom.stderr()).contains("--from must be a date like 2026-11-01");

            server.stop();
            String dataDir = server.dataDir().toString();
            KiroCli.Result offlineImport = KiroCli.run(
                    "usage", "import", "--from", "2026-11-01", "--data-dir", dataDir, "--config", config.toString());
            assertThat(offlineImport.exitCode()).as(offlineImport.describe()).isZero();
            assertThat(Json.parseLenient(offlineImport.stdout())
                            .path("filesUnchanged")
                            .asInt())
                    .as("same database, same files")
                    .isEqualTo(2);
            KiroCli.Result offline = KiroCli.run(
                    "usage",
                    "report",
                    "--month",
                    "2026-11",
                    "--format",
                    "json",
                    "--data-dir",
                    dataDir,
                    "--config",
                    config.toString());
            assertThat(offline.exitCode()).as(offline.describe()).isZero();
            assertThat(Json.parseLenient(offline.stdout()))
                    .as("the data dir says what the server said")
                    .isEqualTo(month);
        }
    }
}
