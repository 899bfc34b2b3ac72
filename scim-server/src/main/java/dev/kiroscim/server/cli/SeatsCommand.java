package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.seats.SeatsRendering;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seats}: what {@code GET /admin/v1/seats} shows, as a table:
 * <pre>
 * POOL             TIER      SEATS      ASSIGNED  WAITLISTED
 * Kiro-Developers  PRO       unlimited  2         0
 * Kiro-Platform    PRO_PLUS  1          1         1
 *
 * TIER      ASSIGNED  MONTHLY COST (USD)
 * PRO       2         40
 * PRO_PLUS  1         40
 * POWER     0         0
 * TOTAL               80
 * </pre>
 * From a running server ({@code --url} and an admin token in {@code --token} or {@code KIRO_SCIM_TOKEN}), or straight
 * from the database ({@code --data-dir} / {@code --db-url}, with the policy from {@code --config}); an H2 data dir
 * can only be read while its server is stopped.
 */
@Command(name = "seats", mixinStandardHelpOptions = true, description = "Seat use and monthly cost per pool and tier.")
public final class SeatsCommand implements Callable<Integer> {

    @Mixin
    AdminCall server;

    @Option(names = "--format", defaultValue = "table", description = "table (default) or json.")
    String format;

    @Option(
            names = "--config",
            defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
            description =
                    "Configuration file holding the policy, when reading the database (default ./kiro-scim.yaml).")
    Path config;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        JsonNode seats = server.remote() ? fromServer() : fromDatabase();
        switch (format) {
            case "json" ->
                System.out.println(
                        ScimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(seats));
            case "table" -> System.out.print(SeatsRendering.table(seats));
            default -> throw new IllegalArgumentException("--format must be table or json");
        }
        return 0;
    }

    private JsonNode fromServer() throws Exception {
        return server.json("/admin/v1/seats", null);
    }

    private JsonNode fromDatabase() throws Exception {
        try (Database db = Database.open(database.toConfig())) {
            return SeatsRendering.json(
                    ActivePolicy.of(BridgeConfig.load(config), db).overview());
        }
    }
}
