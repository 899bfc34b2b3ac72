package dev.kiroscim.core.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link UsageStore} in memory, for tests and the domain's own checks; same semantics as the JDBC store. */
public final class InMemoryUsageStore implements UsageStore {

    private final Map<String, ImportedFile> files = new HashMap<>();
    private final Map<String, UsageRow> rows = new LinkedHashMap<>();

    @Override
    public synchronized Optional<ImportedFile> imported(String key) {
        return Optional.ofNullable(files.get(key));
    }

    @Override
    public synchronized void saveFile(ImportedFile file, List<UsageRow> fileRows) {
        rows.values().removeIf(r -> r.fileKey().equals(file.key()));
        fileRows.forEach(r -> rows.put(r.key(), r));
        files.put(file.key(), file);
    }

    @Override
    public synchronized List<UsageRow> rows(LocalDate from, LocalDate toExclusive) {
        return sorted(rows.values().stream()
                .filter(r -> !r.day().isBefore(from) && r.day().isBefore(toExclusive))
                .toList());
    }

    @Override
    public synchronized List<UsageRow> rowsOf(String kiroUserId, LocalDate from, LocalDate toExclusive) {
        return rows(from, toExclusive).stream()
                .filter(r -> r.kiroUserId().equals(kiroUserId))
                .toList();
    }

    @Override
    public synchronized Optional<LocalDate> latestDay() {
        return rows.values().stream().map(UsageRow::day).max(Comparator.naturalOrder());
    }

    @Override
    public synchronized Optional<LocalDate> earliestDay() {
        return rows.values().stream().map(UsageRow::day).min(Comparator.naturalOrder());
    }

    @Override
    public synchronized Map<String, UsageActivity> lastActivity() {
        Map<String, UsageActivity> last = new HashMap<>();
        for (UsageRow r : sorted(new ArrayList<>(rows.values()))) {
            last.put(r.kiroUserId(), new UsageActivity(r.day(), r.clientType()));
        }
        return last;
    }

    private static List<UsageRow> sorted(List<UsageRow> list) {
        return list.stream()
                .sorted(Comparator.comparing(UsageRow::day)
                        .thenComparing(UsageRow::kiroUserId)
                        .thenComparing(UsageRow::clientType))
                .toList();
    }
}
