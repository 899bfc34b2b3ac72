package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seats --data-dir DIR --config FILE}: the seat table read straight from a stopped server's H2 data dir,
 * with the policy from the config file. It must print what the running server printed through {@code --url}, and
 * leave the data dir fit for the server to start again.
 */
class SeatsDataDirCliTest {

    /** Dev-Team has one PRO seat for two members (one waits); Power-Team has unlimited POWER seats. */
    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
            pools:
              - group: Dev-Team
                tier: PRO
                seats: 1
              - group: Power-Team
                tier: POWER
            """;

    /** The table, each line with its runs of spaces collapsed to one. */
    private static final List<String> EXPECTED = List.of(
            "POOL TIER SEATS ASSIGNED WAITLISTED",
            "Dev-Team PRO 1 1 1",
            "Power-Team POWER unlimited 1 0",
            "",
            "TIER ASSIGNED MONTHLY COST AT CURRENT HOLDERS (USD)",
            "PRO 1 20",
            "POWER 1 200",
            "TOTAL 220");

    @Test
    void seatsFromAStoppedServersDataDirMatchesTheRunningServer(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY);
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigPath(config))) {
            ScimClient scim = ScimClient.bearer(server);
            String ann = scim.createUser(Bodies.uniqueUserName("datadir-ann"));
            String bob = scim.createUser(Bodies.uniqueUserName("datadir-bob"));
            String cid = scim.createUser(Bodies.uniqueUserName("datadir-cid"));
            scim.createGroup("Dev-Team", ann, bob);
            scim.createGroup("Power-Team", cid);
            scim.createUser(Bodies.uniqueUserName("datadir-noseat"));

            KiroCli.Result online = seatsFromServer(server);
            assertThat(online.exitCode()).as(online.describe()).isZero();
            assertThat(collapsed(online.stdout())).isEqualTo(EXPECTED);

            String dataDir = server.dataDir().toString();
            lockedDataDirHints(config).forEach((hint, args) -> {
                List<String> command = new java.util.ArrayList<>(args);
                command.addAll(List.of("--data-dir", dataDir));
                KiroCli.Result refused = KiroCli.run(command.toArray(String[]::new));
                assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
                assertThat(refused.stderr())
                        .as(String.join(" ", args))
                        .contains("the data directory is in use by a running server; stop it first")
                        .contains(hint);
            });

            server.stop();
            KiroCli.Result offline =
                    KiroCli.run("seats", "--data-dir", server.dataDir().toString(), "--config", config.toString());
            assertThat(offline.exitCode()).as(offline.describe()).isZero();
            assertThat(offline.stdout()).as("same table as --url, to the space").isEqualTo(online.stdout());
            assertThat(collapsed(offline.stdout())).isEqualTo(EXPECTED);

            server.startAgain();
            KiroCli.Result again = seatsFromServer(server);
            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.stdout()).as("the CLI left the data dir as it was").isEqualTo(online.stdout());
        }
    }

    /** Per command, what the refusal on a running server's data dir must point to instead (not another command's API). */
    private static java.util.Map<String, List<String>> lockedDataDirHints(Path config) {
        return java.util.Map.of(
                "'seats --url http://HOST:PORT' (GET /admin/v1/seats)", List.of("seats", "--config", config.toString()),
                "(GET /admin/v1/reports/seats)",
                        List.of("report", "seats", "--month", "2026-10", "--config", config.toString()),
                "(/admin/v1/tokens)", List.of("token", "list"));
    }

    private static KiroCli.Result seatsFromServer(KiroServer server) {
        return KiroCli.run("seats", "--url", server.baseUri().toString(), "--token", server.token());
    }

    private static List<String> collapsed(String table) {
        return table.lines().map(l -> l.strip().replaceAll(" {2,}", " ")).collect(Collectors.toList());
    }
}
