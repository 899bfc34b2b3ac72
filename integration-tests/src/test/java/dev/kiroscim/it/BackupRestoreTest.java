package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, backup and restore of the embedded H2 database: users, groups, seats (assigned and waitlisted) and audit
 * events; an online backup ({@code POST /admin/v1/backup}) taken while clients keep creating users; {@code restore}
 * into a new data dir; a server started on it has every user, seat and audit event (same seq, same hash) that existed
 * before the backup, and {@code audit verify} passes. Then the same offline: {@code backup --data-dir --to} with the
 * server stopped.
 */
class BackupRestoreTest {

    @Test
    void onlineAndOfflineBackupsRestoreEveryUserSeatAndAuditEvent() throws Exception {
        Path work = Files.createTempDirectory("kiro-it-backup-");
        try {
            Snapshot beforeOnline;
            Snapshot beforeOffline;
            Path onlineZip;
            Path offlineZip = work.resolve("offline.zip");
            try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2))) {
                ScimClient scim = ScimClient.bearer(server);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    ids.add(scim.createUser(Bodies.uniqueUserName("Backup.User" + i)));
                }
                // Built-in policy: Kiro-Developers → Pro (no cap), Kiro-Platform → Pro+ (capped: some wait).
                scim.createGroup("Kiro-Developers", ids.subList(0, 6).toArray(String[]::new));
                scim.createGroup("Kiro-Platform", ids.subList(6, 12).toArray(String[]::new));
                scim.createGroup("Backup Other " + Bodies.unique(), ids.get(0), ids.get(11));
                assertThat(new SeatsAdmin(server).seats().toString()).contains("PRO_PLUS");

                // The backup is taken while two clients keep writing.
                WriteLoad load = WriteLoad.start(() -> RawHttp.to(server), server.token(), 2, List.of(), 50);
                Poll.until(
                        "writes under way",
                        Duration.ofSeconds(60),
                        Duration.ofMillis(20),
                        () -> load.acknowledgedUsers().size(),
                        n -> n >= 20);
                beforeOnline = Snapshot.of(server, ids, load.acknowledgedUsers());
                ScimResponse backup =
                        scim.post(server.baseUri() + "/admin/v1/backup", "").expectStatus(201);
                load.stop();
                Path written = Path.of(backup.json().path("file").asText());
                assertThat(written).isRegularFile().startsWith(server.dataDir().resolve("backups"));
                assertThat(backup.json().path("bytes").asLong()).isEqualTo(Files.size(written));
                onlineZip = Files.copy(written, work.resolve("online.zip")); // the server's data dir goes with it

                beforeOffline = Snapshot.of(server, ids, load.acknowledgedUsers());
                server.stop();
                KiroCli.Result offline =
                        KiroCli.run("backup", "--data-dir", server.dataDir().toString(), "--to", offlineZip.toString());
                assertThat(offline.exitCode()).as(offline.describe()).isZero();
            }

            for (var restore :
                    Map.of(onlineZip, beforeOnline, offlineZip, beforeOffline).entrySet()) {
                Path dataDir = work.resolve("restored-" + restore.getKey().getFileName());
                KiroCli.Result restored =
                        KiroCli.run("restore", "--from", restore.getKey().toString(), "--data-dir", dataDir.toString());
                assertThat(restored.exitCode())
                        .as(restored.describe() + restored.stdout())
                        .isZero();
                assertThat(restored.stdout()).contains("audit chain OK");
                try (KiroServer copy =
                        KiroServer.start(ServerOptions.on(Backend.H2).withDataDir(dataDir))) {
                    restore.getValue().assertFoundIn(copy);
                    copy.stop();
                    AcknowledgedWrites.assertAuditVerifies(copy.databaseArgs());
                }
            }

            KiroCli.Result again = KiroCli.run(
                    "restore",
                    "--from",
                    offlineZip.toString(),
                    "--data-dir",
                    work.resolve("restored-" + offlineZip.getFileName()).toString());
            assertThat(again.exitCode())
                    .as("restore never overwrites a database")
                    .isNotZero();
            assertThat(again.stderr()).contains("already holds a database");
        } finally {
            KiroServer.deleteRecursively(work);
        }
    }

    @Test
    void onPostgresTheBackupEndpointPointsToPgDump() {
        try (KiroServer server = KiroServer.start(Backend.POSTGRES)) {
            ScimClient.bearer(server)
                    .post(server.baseUri() + "/admin/v1/backup", "")
                    .expectStatus(409)
                    .assertText("message")
                    .contains("pg_dump");
        }
    }

    /**
     * The PostgreSQL procedure of docs/deploy-operations.md: {@code pg_dump -Fc} of a live server's database,
     * {@code pg_restore} into a new database, a server on it finds every user, seat and audit event, and
     * {@code audit verify} passes. Skips (fails on CI) without PostgreSQL or its client tools.
     */
    @Test
    void pgDumpAndPgRestoreCarryEveryUserSeatAndAuditEvent() throws Exception {
        Path bin = Path.of(System.getProperty("kiro.postgresBin", "/usr/lib/postgresql/15/bin"));
        dev.kiroscim.core.testsupport.ExternalComponent.require(
                "pg_dump and pg_restore in " + bin,
                Files.isExecutable(bin.resolve("pg_dump")) && Files.isExecutable(bin.resolve("pg_restore")),
                "install postgresql-client-15 or set -Dkiro.postgresBin");
        Path dump = Files.createTempFile("kiro-it-", ".dump");
        try (KiroServer server = KiroServer.start(Backend.POSTGRES);
                dev.kiroscim.core.testsupport.TestPostgres target =
                        dev.kiroscim.core.testsupport.TestPostgres.createFreshDatabase()) {
            ScimClient scim = ScimClient.bearer(server);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(scim.createUser(Bodies.uniqueUserName("Dump.User" + i)));
            }
            scim.createGroup("Kiro-Platform", ids.toArray(String[]::new));
            WriteLoad load = WriteLoad.start(() -> RawHttp.to(server), server.token(), 2, List.of(), 50);
            Poll.until(
                    "writes under way",
                    Duration.ofSeconds(60),
                    Duration.ofMillis(20),
                    () -> load.acknowledgedUsers().size(),
                    n -> n >= 10);
            Snapshot before = Snapshot.of(server, ids, load.acknowledgedUsers());
            String sourceUrl = server.databaseArgs().get(1);
            String source = sourceUrl.substring(sourceUrl.lastIndexOf('/') + 1);
            run(
                    bin.resolve("pg_dump"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    "5432",
                    "-U",
                    "postgres",
                    "-d",
                    source,
                    "-Fc",
                    "-f",
                    dump.toString());
            load.stop();
            run(
                    bin.resolve("pg_restore"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    "5432",
                    "-U",
                    "postgres",
                    "-d",
                    target.databaseName(),
                    "--no-owner",
                    dump.toString());

            List<String> targetDb = List.of("--db-url", target.jdbcUrl(), "--db-user", target.user());
            try (KiroServer copy =
                    KiroServer.start(ServerOptions.on(Backend.H2).withArgs(targetDb.toArray(String[]::new)))) {
                before.assertFoundIn(copy);
            }
            AcknowledgedWrites.assertAuditVerifies(targetDb);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static void run(Path binary, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                .as(command + " finished")
                .isTrue();
        assertThat(p.exitValue()).as(command + ": " + output).isZero();
    }

    /** What a restored copy must hold: the users, the seat state of the seat users, and the audit events (seq → hash). */
    private record Snapshot(List<WriteLoad.AckedUser> users, Map<String, String> seatStates, Map<Long, String> audit) {

        static Snapshot of(KiroServer server, List<String> seatUsers, List<WriteLoad.AckedUser> loadUsers) {
            ScimClient scim = ScimClient.bearer(server);
            List<WriteLoad.AckedUser> users = new ArrayList<>(loadUsers);
            SeatsAdmin seats = new SeatsAdmin(server);
            Map<String, String> states = new LinkedHashMap<>();
            for (String id : seatUsers) {
                users.add(new WriteLoad.AckedUser(
                        id, scim.get("/Users/" + id).expectStatus(200).text("userName")));
                states.put(id, seats.state(id) + " waiting:" + seats.waitlist(id));
            }
            return new Snapshot(users, states, audit(server));
        }

        void assertFoundIn(KiroServer copy) {
            AcknowledgedWrites.assertAllPresent(copy, users, List.of());
            SeatsAdmin seats = new SeatsAdmin(copy);
            seatStates.forEach((id, state) -> assertThat(seats.state(id) + " waiting:" + seats.waitlist(id))
                    .as("seat of " + id)
                    .isEqualTo(state));
            assertThat(audit(copy))
                    .as("audit events (seq → hash) from before the backup")
                    .containsAllEntriesOf(audit);
        }

        private static Map<Long, String> audit(KiroServer server) {
            Map<Long, String> events = new LinkedHashMap<>();
            for (JsonNode e : AcknowledgedWrites.auditEvents(server, ScimClient.bearer(server), "")) {
                events.put(e.path("seq").asLong(), e.path("hash").asText());
            }
            return events;
        }
    }
}
