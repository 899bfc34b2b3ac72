package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.explain.ExplainRendering;
import dev.kiroscim.server.scim.render.ScimJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code explain USER}: the helpdesk's one answer to "why can't USER sign in to Kiro?", e.g.
 * <pre>
 * ann@example.com: Step 3 (Holds a Kiro seat): Waiting for a seat: pool 'Kiro-Developers' is full, position 2 in line. …
 *   1 OK      Known from the IdP and active — Provisioned as 'ann@example.com' and active.
 *   2 OK      In a group that a policy pool entitles — Member of 'Kiro-Developers' (PRO).
 *   3 BROKEN  Holds a Kiro seat — Waiting for a seat: …
 * </pre>
 * From a running server ({@code --url}, admin token) or the database ({@code --data-dir}/{@code --db-url}).
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain why a user can or cannot sign in to Kiro.")
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "userName or SCIM id.")
    String user;

    @Mixin
    AdminCall server;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    String format;

    @Option(
            names = "--config",
            defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
            description = "Configuration file (policy, identityCenter) when reading the database.")
    Path config;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        JsonNode answer = server.remote() ? fromServer() : fromDatabase();
        if (format.equals("json")) {
            System.out.println(ScimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } else {
            System.out.print(ExplainRendering.text(answer));
        }
        return 0;
    }

    private JsonNode fromServer() throws Exception {
        return server.json(
                "/admin/v1/users/"
                        + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20") + "/explain",
                null);
    }

    private JsonNode fromDatabase() throws Exception {
        BridgeConfig cfg = BridgeConfig.load(config);
        String mode = cfg.identityCenter().live() ? "live" : "plan-only";
        try (Database db = Database.open(database.toConfig());
                var usage = dev.kiroscim.server.usage.UsageComposition.create(
                        cfg.usage(), db, java.time.Clock.systemUTC())) {
            var policy = ActivePolicy.of(cfg, db).policy();
            var kiroSide = new dev.kiroscim.core.usage.KiroActivityEvidence(
                    usage.idleSeats(db, () -> policy, java.time.Clock.systemUTC()),
                    new dev.kiroscim.core.audit.service.AuditTrail(db, () -> policy));
            return ExplainRendering.json(kiroSide.addTo(new ExplainAccess(db, () -> policy, () -> mode).explain(user)));
        }
    }
}
