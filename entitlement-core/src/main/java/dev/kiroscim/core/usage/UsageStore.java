package dev.kiroscim.core.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: imported report rows and the files they came from. Each call is its own transaction. */
public interface UsageStore {

    /** The file as last imported, if it was. */
    Optional<ImportedFile> imported(String key);

    /**
     * Atomically: removes the rows a previous import of this file brought, upserts {@code rows} by
     * {@link UsageRow#key()} (the latest export wins), and records the file.
     */
    void saveFile(ImportedFile file, List<UsageRow> rows);

    /** Rows whose day is in [from, toExclusive), ordered by day, user, client. */
    List<UsageRow> rows(LocalDate from, LocalDate toExclusive);

    /** Rows of one Kiro user (Identity Store user id) in [from, toExclusive). */
    List<UsageRow> rowsOf(String kiroUserId, LocalDate from, LocalDate toExclusive);

    /** The latest activity day in any imported row (how fresh the data is); empty when nothing was imported. */
    Optional<LocalDate> latestDay();

    /** The earliest activity day in any imported row: before it, the report says nothing (not "no activity"). */
    Optional<LocalDate> earliestDay();

    /** The latest activity day of each Kiro user, any time. */
    java.util.Map<String, UsageActivity> lastActivity();

    /** The last day a user was active, and on which client. */
    record UsageActivity(LocalDate day, String clientType) {}
}
