package dev.kiroscim.server.cli;

import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.usage.InvoiceRendering;
import dev.kiroscim.server.usage.UsageComposition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code invoice [--month YYYY-MM] [--format table|csv|json]}: what {@code GET /admin/v1/invoice} shows, from a
 * running server ({@code --url}) or from the database with the policy and usage settings of {@code --config}.
 */
@Command(
        name = "invoice",
        mixinStandardHelpOptions = true,
        description =
                "The month's bill by Kiro's rules (seat events + imported usage), with the naive figure beside it.")
public final class InvoiceCommand implements Callable<Integer> {

    @Option(names = "--month", description = "e.g. 2026-11 (default: the current UTC month, with a forecast).")
    String month;

    @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json.")
    String format;

    @Option(
            names = "--config",
            defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
            description =
                    "Configuration file with the policy (prices, allowances, overage), when reading the database.")
    Path config;

    @Mixin
    AdminCall server;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("csv") && !format.equals("table")) {
            throw new IllegalArgumentException("--format must be table, csv or json");
        }
        String query = month == null ? "" : "month=" + TimeArguments.month(month);
        if (server.remote()) {
            server.printReport("/admin/v1/invoice?" + query, format);
            return 0;
        }
        BridgeConfig cfg = BridgeConfig.load(config);
        try (Database db = Database.open(database.toConfig());
                UsageComposition usage = UsageComposition.create(cfg.usage(), db, Clock.systemUTC())) {
            var policy = ActivePolicy.of(cfg, db).policy();
            Invoices invoices = new Invoices(
                    new AuditTrail(db, () -> policy), () -> policy, usage.reports()::dailyCredits, Clock.systemUTC());
            Invoice inv = invoices.month(month == null ? invoices.currentMonth() : TimeArguments.month(month));
            switch (format) {
                case "json" ->
                    System.out.println(ScimJson.MAPPER
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(InvoiceRendering.json(inv)));
                case "csv" -> System.out.print(InvoiceRendering.table(inv).csv());
                default -> System.out.print(InvoiceRendering.table(inv).text());
            }
            return 0;
        }
    }
}
