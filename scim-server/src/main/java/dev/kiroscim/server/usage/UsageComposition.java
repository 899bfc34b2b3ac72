package dev.kiroscim.server.usage;

import dev.kiroscim.core.usage.ImportReport;
import dev.kiroscim.core.usage.ImportUsage;
import dev.kiroscim.core.usage.ReportSource;
import dev.kiroscim.core.usage.UsageReports;
import dev.kiroscim.core.usage.UserMapping;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.JdbcUsageStore;
import dev.kiroscim.server.config.UsageSection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the usage feature for the server and the CLI alike: the store, the reports, and (when {@code usage.s3} or
 * {@code usage.directory} is configured) the importer and its source.
 *
 * @param importer empty when no report location is configured
 */
public record UsageComposition(UsageSection section, UsageReports reports, Optional<ImportUsage> importer,
                               Optional<ReportSource> source) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageComposition.class);

    public static UsageComposition create(UsageSection section, Database database, Clock clock) {
        JdbcUsageStore store = new JdbcUsageStore(database.dataSource());
        UsageReports reports = new UsageReports(store, () -> UserMapping.load(database), database, section.creditsIncludeOverage());
        Optional<ReportSource> source = section.s3().<ReportSource>map(s3 -> S3ReportSource.create(s3, section.accountId()))
                .or(() -> section.directory().map(DirectoryReportSource::new));
        Optional<ImportUsage> importer = source.map(s -> new ImportUsage(s, store, () -> UserMapping.load(database), clock));
        return new UsageComposition(section, reports, importer, source);
    }

    /** The daily job's work: import what is new (from the 1st of last month) and log what happened. */
    public void daily() {
        importer.ifPresent(i -> {
            ImportReport r = i.run(Optional.empty());
            LOG.info("usage import from {}: {} files imported, {} unchanged, {} rows, {} problems, {} unknown users",
                    r.source(), r.filesImported(), r.filesUnchanged(), r.rowsImported(), r.problems().size(), r.unknownUsers().size());
            r.problems().stream().limit(20).forEach(p -> LOG.warn("usage import: {}", p));
        });
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
