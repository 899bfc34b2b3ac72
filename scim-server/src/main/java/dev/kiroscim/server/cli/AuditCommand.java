package dev.kiroscim.server.cli;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.audit.ChainVerifier;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.scim.render.ScimJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit [--user-name U] [--user-id I] [--group G] [--type seat.] [--since T] [--until T] [--limit N]
 * [--format table|csv|json]} prints audit events in seq order; {@code audit verify} checks the hash chain and
 * exits 0 with the number of events verified, or 1 naming the first bad seq.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Query the audit log, or verify its hash chain.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Callable<Integer> {

    @Option(names = "--user-name", description = "Events about this userName (case-insensitive).")
    String userName;

    @Option(names = "--user-id", description = "Events about this SCIM id (or token name).")
    String userId;

    @Option(names = "--group", description = "Events about this SCIM group id or displayName.")
    String group;

    @Option(names = "--type", description = "A type or dotted prefix, e.g. scim.user.deactivated or seat.")
    String type;

    @Option(names = "--since", description = "From this instant or UTC date (inclusive).")
    String since;

    @Option(names = "--until", description = "Before this instant or UTC date (exclusive).")
    String until;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many events (default 1000).")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json.")
    String format;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        List<String> types = AuditEvents.typesMatching(type);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("--type '" + type + "' matches no event type");
        }
        AuditQuery query = new AuditQuery(
                userName,
                userId,
                group,
                types,
                TimeArguments.instant("--since", since),
                TimeArguments.instant("--until", until),
                Math.min(limit, AuditQuery.MAX_LIMIT),
                0);
        try (Database db = Database.open(database.toConfig())) {
            AuditPage page = new AuditTrail(db, Policy::builtInDefault).query(query);
            switch (format) {
                case "json" ->
                    System.out.println(ScimJson.MAPPER
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(AuditRendering.json(page)));
                case "csv" ->
                    System.out.print(AuditRendering.table(page.events()).csv());
                case "table" ->
                    System.out.print(AuditRendering.table(page.events()).text());
                default -> throw new IllegalArgumentException("--format must be table, csv or json");
            }
            if (page.next() != null) {
                System.err.println("more events follow; narrow the query or page with the API's cursor (next="
                        + page.next() + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Recompute the hash chain; exit 0 with the count verified, or 1 with the first bad seq.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(database.toConfig())) {
                return verifyAndPrint(db);
            }
        }

        /** Prints the outcome; 0 when the chain verifies, 1 when not (also used by {@code restore}). */
        static int verifyAndPrint(Database db) {
            ChainVerifier.Verification v = new AuditTrail(db, Policy::builtInDefault).verify();
            if (v.ok()) {
                System.out.println("audit chain OK: " + v.verified() + " events verified");
                return 0;
            }
            System.out.println("audit chain BROKEN at seq " + v.firstBadSeq() + ": " + v.problem() + " (" + v.verified()
                    + " events before it verified)");
            return 1;
        }
    }
}
