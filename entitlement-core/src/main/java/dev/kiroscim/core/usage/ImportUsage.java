package dev.kiroscim.core.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Use case: import new {@code user_report} files. A file already imported with the same fingerprint is skipped (so
 * importing twice changes nothing); a re-delivered file replaces its rows. A malformed row is reported with file and
 * line and the rest of the file imports. Rows of users we cannot map are stored (they count once the user is linked)
 * and listed as unknown.
 */
public final class ImportUsage {

    private final ReportSource source;
    private final UsageStore store;
    private final Supplier<UserMapping> mapping;
    private final Clock clock;

    /** @param mapping the current Identity Center links, e.g. {@code () -> UserMapping.load(database)} */
    public ImportUsage(ReportSource source, UsageStore store, Supplier<UserMapping> mapping, Clock clock) {
        this.source = source;
        this.store = store;
        this.mapping = mapping;
        this.clock = clock;
    }

    /**
     * The default first day: the first of the previous month, so a late or re-delivered file of last month still
     * lands before that month's invoice is final.
     */
    public LocalDate defaultFrom() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .minusMonths(1)
                .atDay(1);
    }

    /** Imports every report file from {@code from} (default {@link #defaultFrom()}). */
    public ImportReport run(Optional<LocalDate> from) {
        LocalDate first = from.orElseGet(this::defaultFrom);
        UserMapping users = mapping.get();
        List<ReportObject> files;
        try {
            files = source.list(first);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot list the reports at " + source.describe() + ": " + e.getMessage(), e);
        }
        int imported = 0;
        int unchanged = 0;
        int rows = 0;
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, ImportReport.UnknownUser> unknown = new TreeMap<>();
        for (ReportObject file : files) {
            Optional<ImportedFile> before = store.imported(file.key());
            if (before.isPresent() && before.get().fingerprint().equals(file.fingerprint())) {
                unchanged++;
                continue;
            }
            String text;
            try {
                text = source.read(file);
            } catch (IOException e) {
                problems.add(new ImportProblem(file.key(), 0, "cannot read the file: " + e.getMessage()));
                continue;
            }
            ReportCsv.Parsed parsed = ReportCsv.parse(file.key(), text);
            store.saveFile(
                    new ImportedFile(
                            file.key(),
                            file.fingerprint(),
                            file.day(),
                            clock.instant(),
                            parsed.rows().size(),
                            parsed.problems().size()),
                    parsed.rows());
            imported++;
            rows += parsed.rows().size();
            problems.addAll(parsed.problems());
            for (UsageRow row : parsed.rows()) {
                if (users.scimUser(row.kiroUserId()).isEmpty()) {
                    unknown.merge(
                            row.kiroUserId(),
                            new ImportReport.UnknownUser(row.kiroUserId(), row.email(), 1),
                            (a, b) -> new ImportReport.UnknownUser(
                                    a.kiroUserId(), a.email() != null ? a.email() : b.email(), a.rows() + 1));
                }
            }
        }
        return new ImportReport(
                source.describe(),
                first,
                files.size(),
                imported,
                unchanged,
                rows,
                List.copyOf(problems),
                List.copyOf(unknown.values()));
    }
}
