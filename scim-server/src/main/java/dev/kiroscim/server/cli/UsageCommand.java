package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.usage.UsageComposition;
import dev.kiroscim.server.usage.UsageRendering;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usage import [--from DATE]} and {@code usage report --month YYYY-MM [--format json|csv|table]}: the Kiro
 * activity report, on a running server ({@code --url}) or on the database ({@code --data-dir}/{@code --db-url} with
 * the {@code usage:} section of {@code --config}).
 */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Kiro usage from the per-user activity report.",
        subcommands = {UsageCommand.Import.class, UsageCommand.Report.class})
public final class UsageCommand {

    /** Options both subcommands share. */
    static final class Common {
        @Mixin
        AdminCall server;

        @Option(
                names = "--config",
                defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
                description = "Configuration file with the usage: section (default ./kiro-scim.yaml).")
        Path config;

        @Mixin
        DatabaseOptions database;

        <T> T local(java.util.function.Function<UsageComposition, T> work) throws Exception {
            BridgeConfig cfg = BridgeConfig.load(config);
            try (Database db = Database.open(database.toConfig());
                    UsageComposition usage = UsageComposition.create(cfg.usage(), db, Clock.systemUTC())) {
                return work.apply(usage);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import new report files now.")
    static final class Import implements Callable<Integer> {
        @Option(
                names = "--from",
                description = "First activity day to consider, e.g. 2026-11-01 (default: the 1st of last month).")
        String from;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            Optional<LocalDate> first = Optional.empty();
            if (from != null) {
                try {
                    first = Optional.of(LocalDate.parse(from.trim()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--from must be a date like 2026-11-01, not '" + from + "'");
                }
            }
            Optional<LocalDate> day = first;
            JsonNode result = common.server.remote()
                    ? common.server.json(
                            "/admin/v1/usage/import",
                            day.map(d -> "{\"from\":\"" + d + "\"}").orElse("{}"))
                    : common.local(u -> UsageRendering.importJson(u.importer()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "usage reports are not configured: set usage.s3 or usage.directory in "
                                            + common.config))
                            .run(day)));
            System.out.println(ScimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            result.path("problems")
                    .forEach(p -> System.err.println(p.path("file").asText() + ":"
                            + p.path("line").asInt() + ": " + p.path("message").asText()));
            return 0;
        }
    }

    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = "Per-user credits and active days in a month.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--month", required = true, description = "e.g. 2026-11.")
        String month;

        @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json.")
        String format;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            var m = TimeArguments.month(month);
            if (!format.equals("json") && !format.equals("csv") && !format.equals("table")) {
                throw new IllegalArgumentException("--format must be table, csv or json");
            }
            if (common.server.remote()) {
                common.server.printReport("/admin/v1/usage?month=" + m, format);
                return 0;
            }
            String out = common.local(u -> {
                var report = u.reports().month(m);
                try {
                    return switch (format) {
                        case "json" ->
                            ScimJson.MAPPER
                                            .writerWithDefaultPrettyPrinter()
                                            .writeValueAsString(UsageRendering.monthJson(report))
                                    + "\n";
                        case "csv" -> UsageRendering.monthTable(report).csv();
                        default -> UsageRendering.monthTable(report).text();
                    };
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            System.out.print(out);
            return 0;
        }
    }
}
