package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Kiro's per-user activity report, end to end against moto (Identity Store and S3): the server creates the Identity
 * Store users for its seat holders, the test writes report files naming them in the documented layout
 * (shared/docs/kiro-usage-and-billing.md §1.1–1.2), and {@code POST /admin/v1/usage/import} maps them back through
 * the Identity Center links. The same files are then imported from a local directory by a second server, which
 * adopts the same Identity Store users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageImportEndToEndTest {

    private static final String ACCOUNT = "111122223333";
    private static final String DAY_FOLDER =
            "kiro/AWSLogs/" + ACCOUNT + "/KiroLogs/user_report/us-east-1/2026/11/14/00/";
    private static final String HEADER =
            "Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,"
                    + "Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages,New_User,User_Email,Usage_Limit,auto_messages\n";
    private static final String PROFILE = "\"arn:aws:codewhisperer:us-east-1:" + ACCOUNT + ":profile/EXAMPLE1\"";
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private Emulator moto;
    private S3Client s3;
    private String bucket;
    private String identityStoreId;
    private Path dir;
    private KiroServer server;
    private ScimClient scim;
    private final Map<String, String> identityCenterUserIds = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        moto = Emulator.start();
        if (!moto.running()) {
            return;
        }
        identityStoreId = Emulator.newStoreId();
        bucket = "kiro-reports-" + UUID.randomUUID().toString().substring(0, 8);
        s3 = S3Client.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(r -> r.bucket(bucket));
        Path config = dir.resolve("s3.yaml");
        Files.writeString(config, identityCenter() + """
                usage:
                  accountId: "%s"
                  s3:
                    bucket: %s
                    prefix: kiro
                    region: us-east-1
                    endpoint: %s
                """.formatted(ACCOUNT, bucket, moto.endpoint()));
        server = KiroServer.start(
                ServerOptions.on(Backend.H2).withConfigPath(config).withStaticAwsCredentials());
        scim = ScimClient.bearer(server);
        String ann = scim.createUser("ann-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
        String bob = scim.createUser("bob-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
        scim.createGroup("Kiro-Developers", ann, bob);
        try (IdentityStoreView view = IdentityStoreView.of(moto.endpoint(), identityStoreId)) {
            IdentityStoreView.Snapshot snap = Poll.until(
                    "both seat holders in the Identity Store",
                    SYNC_TIMEOUT,
                    POLL,
                    view::snapshot,
                    s -> s.users().size() == 2);
            for (String id : List.of(ann, bob)) {
                String userName = scim.get("/Users/" + id)
                        .expectStatus(200)
                        .json()
                        .path("userName")
                        .asText();
                identityCenterUserIds.put(userName, snap.users().get(userName).userId());
            }
        }
    }

    private String identityCenter() {
        return """
                identityCenter:
                  identityStoreId: %s
                  region: us-east-1
                  endpoint: %s
                """.formatted(identityStoreId, moto.endpoint());
    }

    @AfterAll
    void stop() {
        try {
            if (s3 != null) {
                s3.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (moto != null) {
                moto.close();
            }
        }
    }

    @BeforeEach
    void requireEmulator() {
        moto.require();
    }

    private String ann() {
        return identityCenterUserIds.keySet().stream()
                .filter(n -> n.startsWith("ann-"))
                .findFirst()
                .orElseThrow();
    }

    private String bob() {
        return identityCenterUserIds.keySet().stream()
                .filter(n -> n.startsWith("bob-"))
                .findFirst()
                .orElseThrow();
    }

    /** The three client files of 14 Nov: Ann on IDE and CLI, Bob on CLI (prefixed id form), an unknown user, one bad row. */
    private Map<String, String> reportFiles(String annIdeCredits) {
        String annId = identityCenterUserIds.get(ann());
        String bobId = identityCenterUserIds.get(bob());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "KIRO_IDE_" + ACCOUNT + "_user_report_202611140000.csv",
                HEADER
                        + "2026-11-14,\"" + annId + "\",KIRO_IDE,6," + annIdeCredits + ",1000.0,0.0,false," + PROFILE
                        + ",PRO,58,false,\"" + ann() + "\",1000,40\n"
                        + "2026-11-14,\"0a1b2c3d-1111-7000-8000-00000000c003\",KIRO_IDE,1,0.85,1000.0,0.0,false,"
                        + PROFILE + ",PRO,2,true,\"zed@example.com\",1000,2\n");
        files.put(
                "KIRO_CLI_" + ACCOUNT + "_user_report_202611140000.csv",
                HEADER.replace(",auto_messages\n", ",auto_messages,brand_new_column\n")
                        + "2026-11-14,\"" + annId + "\",KIRO_CLI,3,10.00,1000.0,0.0,false," + PROFILE
                        + ",PRO,95,false,\"" + ann() + "\",1000,0,x\n"
                        + "2026-11-14,\"" + identityStoreId + "." + bobId + "\",KIRO_CLI,1,5,1000.0,0.0,false,"
                        + PROFILE + ",PRO,9,false,\"" + bob() + "\",1000,9,y\n");
        files.put(
                "PLUGIN_" + ACCOUNT + "_user_report_202611140000.csv",
                HEADER + "14-11-2026,\"" + annId + "\",PLUGIN,1,1,1000.0,0.0,false," + PROFILE + ",PRO,1,false,\""
                        + ann() + "\",1000,1\n");
        return files;
    }

    @Test
    void importsFromS3_mapsThroughIdentityCenter_isIdempotent_andReportsPerUser() {
        reportFiles("42.17")
                .forEach((name, csv) ->
                        s3.putObject(r -> r.bucket(bucket).key(DAY_FOLDER + name), RequestBody.fromString(csv)));
        s3.putObject(
                r -> r.bucket(bucket).key("kiro/AWSLogs/" + ACCOUNT + "/KiroLogs/" + UUID.randomUUID()),
                RequestBody.fromString("Access validation successful."));
        s3.putObject(
                r -> r.bucket(bucket)
                        .key("kiro/AWSLogs/" + ACCOUNT + "/KiroLogs/by_user_analytic/us-east-1/2026/11/14/00/" + ACCOUNT
                                + "_by_user_analytic_202611140000_report.csv"),
                RequestBody.fromString("UserId,Date\nu,11-14-2026\n"));

        JsonNode first = scim.post(server.baseUri() + "/admin/v1/usage/import", "{\"from\":\"2026-11-01\"}")
                .expectStatus(200)
                .json();
        assertThat(first.path("source").asText())
                .isEqualTo("s3://" + bucket + "/kiro/AWSLogs/" + ACCOUNT + "/KiroLogs/user_report/");
        assertThat(first.path("filesSeen").asInt()).isEqualTo(3);
        assertThat(first.path("filesImported").asInt()).isEqualTo(3);
        assertThat(first.path("rowsImported").asInt()).isEqualTo(4);
        assertThat(first.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("file").asText())
                    .isEqualTo(DAY_FOLDER + "PLUGIN_" + ACCOUNT + "_user_report_202611140000.csv");
            assertThat(p.path("line").asInt()).isEqualTo(2);
            assertThat(p.path("message").asText()).contains("Date must be an ISO date");
        });
        assertThat(first.path("unknownUsers").asInt()).isEqualTo(1);
        assertThat(first.path("unknownUserList").get(0).path("email").asText()).isEqualTo("zed@example.com");

        JsonNode again = scim.post(server.baseUri() + "/admin/v1/usage/import?from=2026-11-01", null)
                .expectStatus(200)
                .json();
        assertThat(again.path("filesImported").asInt()).isZero();
        assertThat(again.path("filesUnchanged").asInt()).isEqualTo(3);

        JsonNode month = scim.get(server.baseUri() + "/admin/v1/usage", "month", "2026-11")
                .expectStatus(200)
                .json();
        List<String> users = new ArrayList<>();
        month.path("users")
                .forEach(u -> users.add(
                        u.path("userName").asText() + " " + u.path("known").asBoolean() + " "
                                + u.path("credits").asText() + " " + u.path("activeDaysByClient")));
        assertThat(users)
                .containsExactly(
                        ann() + " true 52.17 {\"KIRO_CLI\":1,\"KIRO_IDE\":1}",
                        bob() + " true 5 {\"KIRO_CLI\":1}",
                        "zed@example.com false 0.85 {\"KIRO_IDE\":1}");
        assertThat(month.path("totals").path("credits").asText()).isEqualTo("58.02");
        assertThat(month.path("totals").path("unknownUsers").asInt()).isEqualTo(1);

        String csv = scim.get(server.baseUri() + "/admin/v1/usage", "month", "2026-11", "format", "csv")
                .expectStatus(200)
                .body();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo(
                        "userName,userId,kiroUserId,credits,overageCredits,activeDays,days_KIRO_CLI,days_KIRO_IDE,lastActive");

        JsonNode one = scim.get(server.baseUri() + "/admin/v1/users/" + ann() + "/usage", "month", "2026-11")
                .expectStatus(200)
                .json();
        assertThat(one.path("mapped").asBoolean()).isTrue();
        assertThat(one.path("usage").path("credits").asText()).isEqualTo("52.17");
        assertThat(one.path("usage").path("lastActive").asText()).isEqualTo("2026-11-14");

        // Kiro re-delivers the IDE file with new content: its rows are replaced, nothing else changes
        s3.putObject(
                r -> r.bucket(bucket).key(DAY_FOLDER + "KIRO_IDE_" + ACCOUNT + "_user_report_202611140000.csv"),
                RequestBody.fromString(reportFiles("50").get("KIRO_IDE_" + ACCOUNT + "_user_report_202611140000.csv")));
        JsonNode redelivered = scim.post(server.baseUri() + "/admin/v1/usage/import?from=2026-11-01", null)
                .expectStatus(200)
                .json();
        assertThat(redelivered.path("filesImported").asInt()).isEqualTo(1);
        assertThat(scim.get(server.baseUri() + "/admin/v1/users/" + ann() + "/usage", "month", "2026-11")
                        .expectStatus(200)
                        .json()
                        .path("usage")
                        .path("credits")
                        .asText())
                .isEqualTo("60");
    }

    @Test
    void badRequestsChangeNothing() {
        assertThat(scim.post(server.baseUri() + "/admin/v1/usage/import?from=yesterday", null)
                        .expectStatus(400)
                        .json()
                        .path("message")
                        .asText())
                .contains("from must be a date");
        assertThat(scim.get(server.baseUri() + "/admin/v1/usage", "month", "November")
                        .expectStatus(400)
                        .json()
                        .path("message")
                        .asText())
                .contains("month");
        scim.get(server.baseUri() + "/admin/v1/users/nobody-" + UUID.randomUUID() + "/usage")
                .expectStatus(404);
    }

    @Test
    void importsTheSameFilesFromALocalDirectory() throws IOException {
        Path reports = dir.resolve("reports");
        Path day = Files.createDirectories(reports.resolve(DAY_FOLDER));
        for (Map.Entry<String, String> f : reportFiles("42.17").entrySet()) {
            Files.writeString(day.resolve(f.getKey()), f.getValue());
        }
        Path config = dir.resolve("dir.yaml");
        Files.writeString(config, identityCenter() + "usage:\n  directory: " + reports + "\n");
        try (KiroServer second = KiroServer.start(
                ServerOptions.on(Backend.H2).withConfigPath(config).withStaticAwsCredentials())) {
            ScimClient client = ScimClient.bearer(second);
            // the second server adopts the same Identity Store users (same userNames)
            String ann = client.createUser(ann());
            client.createGroup("Kiro-Developers", ann);
            Poll.until(
                    "Ann linked to her Identity Store user",
                    SYNC_TIMEOUT,
                    POLL,
                    () -> client.get(second.baseUri() + "/admin/v1/users/" + ann() + "/usage")
                            .expectStatus(200)
                            .json(),
                    u -> u.path("mapped").asBoolean());

            JsonNode result = client.post(second.baseUri() + "/admin/v1/usage/import?from=2026-11-01", null)
                    .expectStatus(200)
                    .json();
            assertThat(result.path("source").asText()).isEqualTo(reports.toString());
            assertThat(result.path("filesImported").asInt()).isEqualTo(3);
            assertThat(result.path("problems").size()).isEqualTo(1);
            assertThat(result.path("unknownUserList"))
                    .extracting(u -> u.path("email").asText())
                    .containsExactlyInAnyOrder("zed@example.com", bob());
            assertThat(client.post(second.baseUri() + "/admin/v1/usage/import?from=2026-11-01", null)
                            .expectStatus(200)
                            .json()
                            .path("filesUnchanged")
                            .asInt())
                    .isEqualTo(3);
            JsonNode month = client.get(second.baseUri() + "/admin/v1/usage", "month", "2026-11")
                    .expectStatus(200)
                    .json();
            assertThat(month.path("users"))
                    .extracting(
                            u -> u.path("userName").asText(),
                            u -> u.path("credits").asText())
                    .contains(tuple(ann(), "52.17"));
        }
    }
}
