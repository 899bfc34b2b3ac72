package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.scim.render.ScimJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report holders|offboarding|seats}: the admin API's reports, from the database, as a table, CSV or JSON. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports rebuilt from the audit log.",
        subcommands = {ReportCommand.Holders.class, ReportCommand.Offboarding.class, ReportCommand.Seats.class})
public final class ReportCommand {

    /** Options every report shares. */
    static final class Common {
        @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json.")
        String format;

        @Option(
                names = "--config",
                defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
                description =
                        "Configuration file; its policy's tiers and prices apply when the database holds no active policy (default ./kiro-scim.yaml).")
        Path config;

        @Mixin
        DatabaseOptions database;

        int print(
                java.util.function.Function<AuditTrail, JsonNode> json,
                java.util.function.Function<AuditTrail, AuditRendering.Table> table)
                throws Exception {
            BridgeConfig cfg = BridgeConfig.load(config);
            try (Database db = Database.open(database.toConfig())) {
                AuditTrail trail = new AuditTrail(db, ActivePolicy.of(cfg, db)::policy);
                switch (format) {
                    case "json" ->
                        System.out.println(
                                ScimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json.apply(trail)));
                    case "csv" -> System.out.print(table.apply(trail).csv());
                    case "table" -> System.out.print(table.apply(trail).text());
                    default -> throw new IllegalArgumentException("--format must be table, csv or json");
                }
                return 0;
            }
        }
    }

    @Command(name = "holders", mixinStandardHelpOptions = true, description = "Who held which tier at an instant.")
    static final class Holders implements Callable<Integer> {
        @Option(names = "--at", required = true, description = "Instant or UTC date, e.g. 2026-10-01T00:00:00Z.")
        String at;

        @Option(names = "--tier", description = "Only this tier, e.g. POWER.")
        String tier;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            Instant instant = TimeArguments.requiredInstant("--at", at);
            return common.print(
                    t -> AuditRendering.holdersJson(instant, t.holders(instant, tier)),
                    t -> AuditRendering.holdersTable(t.holders(instant, tier)));
        }
    }

    @Command(
            name = "offboarding",
            mixinStandardHelpOptions = true,
            description =
                    "Users deactivated or deleted via SCIM, and how long until their seat and Identity Center access were gone.")
    static final class Offboarding implements Callable<Integer> {
        @Option(names = "--since", required = true, description = "Instant or UTC date (inclusive).")
        String since;

        @Option(names = "--until", description = "Instant or UTC date (exclusive; default now).")
        String until;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            Instant from = TimeArguments.requiredInstant("--since", since);
            Instant to = until == null ? Instant.now() : TimeArguments.requiredInstant("--until", until);
            return common.print(
                    t -> AuditRendering.offboardingJson(t.offboarding(from, to)),
                    t -> AuditRendering.offboardingTable(t.offboarding(from, to)));
        }
    }

    @Command(name = "seats", mixinStandardHelpOptions = true, description = "Seat-days and cost per tier for a month.")
    static final class Seats implements Callable<Integer> {
        @Option(names = "--month", required = true, description = "e.g. 2026-10.")
        String month;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            var m = TimeArguments.month(month);
            return common.print(t -> AuditRendering.seatsJson(t.seats(m)), t -> AuditRendering.seatsTable(t.seats(m)));
        }
    }
}
