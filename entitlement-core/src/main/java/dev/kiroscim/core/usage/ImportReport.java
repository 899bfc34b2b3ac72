package dev.kiroscim.core.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * What an import did.
 *
 * @param source         where the files were read
 * @param from           the first activity day considered
 * @param filesSeen      report files found from that day on
 * @param filesImported  files read and stored (new, or re-delivered with new content)
 * @param filesUnchanged files skipped because the same content was already imported
 * @param rowsImported   rows stored
 * @param problems       rows (or files) that could not be read, with file and line; the rest imported
 * @param unknownUsers   report users with no Identity Center link to one of our users, counted and listed
 */
public record ImportReport(
        String source,
        LocalDate from,
        int filesSeen,
        int filesImported,
        int filesUnchanged,
        int rowsImported,
        List<ImportProblem> problems,
        List<UnknownUser> unknownUsers) {

    /** A report user we cannot map; {@code email} when the report carries one. */
    public record UnknownUser(String kiroUserId, String email, int rows) {}
}
