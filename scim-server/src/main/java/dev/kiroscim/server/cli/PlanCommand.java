package dev.kiroscim.server.cli;

import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.SyncPlan;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.sync.SyncComposition;
import dev.kiroscim.server.sync.SyncRendering;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan}: reads the Identity Store and the database and prints exactly which Identity Store calls a reconcile
 * would make, without making them. Without {@code identityCenter.identityStoreId} it plans against an empty store.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Show the Identity Store calls a reconcile would make, without making them.")
public final class PlanCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
            description = "Configuration file (policy and identityCenter; default ./kiro-scim.yaml).")
    Path config;

    @Option(names = "--format", defaultValue = "table", description = "table (default) or json.")
    String format;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = BridgeConfig.load(config);
        try (Database db = Database.open(database.toConfig());
                IdentityCenterSync sync = SyncComposition.create(
                        db,
                        cfg.identityCenter(),
                        ActivePolicy.of(cfg, db)::policy,
                        SyncComposition.SEATS,
                        Clock.systemUTC())) {
            SyncPlan plan = sync.plan();
            if (format.equals("json")) {
                System.out.println(ScimJson.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(SyncRendering.plan(plan, sync.downstream())));
            } else {
                System.out.print(SyncRendering.planText(plan, sync.downstream()));
            }
            return 0;
        }
    }
}
