package dev.kiroscim.server.usage;

import dev.kiroscim.adapter.aws.s3.S3ReportSource;
import dev.kiroscim.core.usage.ImportUsage;
import dev.kiroscim.core.usage.ReportSource;
import dev.kiroscim.core.usage.UsageReports;
import dev.kiroscim.core.usage.UserMapping;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.JdbcUsageStore;
import dev.kiroscim.server.config.UsageSection;
import java.time.Clock;
import java.util.Optional;

/**
 * Wires the usage feature for the server and the CLI alike: the store, the reports, and (when {@code usage.s3} or
 * {@code usage.directory} is configured) the importer and its source.
 *
 * @param importer empty when no report location is configured
 */
public record UsageComposition(
        UsageSection section, UsageReports reports, Optional<ImportUsage> importer, Optional<ReportSource> source)
        implements AutoCloseable {

    public static UsageComposition create(UsageSection section, Database database, Clock clock) {
        JdbcUsageStore store = new JdbcUsageStore(database.dataSource());
        UsageReports reports =
                new UsageReports(store, () -> UserMapping.load(database), database, section.creditsIncludeOverage());
        Optional<ReportSource> source = section.s3()
                .<ReportSource>map(s3 -> S3ReportSource.create(s3, section.accountId()))
                .or(() -> section.directory().map(DirectoryReportSource::new));
        Optional<ImportUsage> importer =
                source.map(s -> new ImportUsage(s, store, () -> UserMapping.load(database), clock));
        return new UsageComposition(section, reports, importer, source);
    }

    /** Seat holders' activity from the report, under the policy in force. */
    public dev.kiroscim.core.usage.IdleSeats idleSeats(
            dev.kiroscim.core.transaction.Transactions transactions,
            java.util.function.Supplier<dev.kiroscim.core.policy.Policy> policy,
            Clock clock) {
        return new dev.kiroscim.core.usage.IdleSeats(transactions, policy, reports, section.enabled(), clock);
    }

    @Override
    public void close() {
        source.ifPresent(s -> {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing an HTTP client: nothing to recover
                }
            }
        });
    }
}
