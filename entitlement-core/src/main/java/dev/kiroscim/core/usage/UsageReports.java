package dev.kiroscim.core.usage;

import dev.kiroscim.core.billing.DailyCredits;
import dev.kiroscim.core.transaction.Transactions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Use case: the imported usage per user and month, mapped to our users through the Identity Center links; and the
 * daily credits the invoice bills overage from. Shared by the admin API and the CLI.
 */
public final class UsageReports {

    /** A month's usage: one entry per report user (mapped or not), and totals. */
    public record Month(
            YearMonth month,
            List<UserUsage> users,
            int unknownUsers,
            BigDecimal credits,
            BigDecimal overageCredits,
            Map<String, Integer> activeUsersByClient,
            Optional<LocalDate> dataThrough) {}

    private final UsageStore store;
    private final Supplier<UserMapping> mapping;
    private final Transactions transactions;
    private final boolean creditsIncludeOverage;

    /**
     * @param creditsIncludeOverage assumption A-5: whether {@code Credits_Used} already includes
     *                              {@code Overage_Credits_Used} (true, as the AWS samples assume); when false the two
     *                              are added
     */
    public UsageReports(
            UsageStore store, Supplier<UserMapping> mapping, Transactions transactions, boolean creditsIncludeOverage) {
        this.store = store;
        this.mapping = mapping;
        this.transactions = transactions;
        this.creditsIncludeOverage = creditsIncludeOverage;
    }

    public UsageStore store() {
        return store;
    }

    public UserMapping mapping() {
        return mapping.get();
    }

    /** The credits of a report row as billed: overage included. */
    public BigDecimal creditsOf(UsageRow row) {
        return creditsIncludeOverage ? row.credits() : row.credits().add(row.overageCredits());
    }

    public Month month(YearMonth month) {
        List<UsageRow> rows = store.rows(month.atDay(1), month.plusMonths(1).atDay(1));
        UserMapping users = mapping.get();
        Map<String, List<UsageRow>> byKiroUser =
                rows.stream().collect(Collectors.groupingBy(UsageRow::kiroUserId, TreeMap::new, Collectors.toList()));
        Set<String> scimIds = new HashSet<>();
        byKiroUser.keySet().forEach(k -> users.scimUser(k).ifPresent(scimIds::add));
        Map<String, String> names = scimIds.isEmpty()
                ? Map.of()
                : transactions.read(tx -> tx.users().userNames(scimIds));
        List<UserUsage> out = new ArrayList<>();
        byKiroUser.forEach((kiroUser, list) ->
                out.add(summarise(kiroUser, users.scimUser(kiroUser).orElse(null), names, list)));
        out.sort(Comparator.comparing((UserUsage u) -> u.scimUserId() == null)
                .thenComparing(u -> String.valueOf(u.userName())));
        Map<String, Integer> activeUsersByClient = new TreeMap<>();
        rows.stream()
                .collect(Collectors.groupingBy(
                        UsageRow::clientType, Collectors.mapping(UsageRow::kiroUserId, Collectors.toSet())))
                .forEach((client, set) -> activeUsersByClient.put(client, set.size()));
        return new Month(
                month,
                List.copyOf(out),
                (int) out.stream().filter(u -> u.scimUserId() == null).count(),
                out.stream().map(UserUsage::credits).reduce(BigDecimal.ZERO, BigDecimal::add),
                out.stream().map(UserUsage::overageCredits).reduce(BigDecimal.ZERO, BigDecimal::add),
                activeUsersByClient,
                store.latestDay());
    }

    /** One of our users' usage in a month; empty when the user has no Identity Center link (not mappable). */
    public Optional<UserUsage> user(String scimUserId, String userName, YearMonth month) {
        Optional<String> kiroUser = mapping.get().kiroUser(scimUserId);
        return kiroUser.map(k -> summarise(
                k,
                scimUserId,
                Map.of(scimUserId, userName),
                store.rowsOf(k, month.atDay(1), month.plusMonths(1).atDay(1))));
    }

    /** Daily credits (all clients summed per day) by our user id, for the invoice. */
    public Map<String, List<DailyCredits>> dailyCredits(YearMonth month) {
        UserMapping users = mapping.get();
        Map<String, Map<LocalDate, BigDecimal>> perUser = new HashMap<>();
        for (UsageRow row : store.rows(month.atDay(1), month.plusMonths(1).atDay(1))) {
            users.scimUser(row.kiroUserId())
                    .ifPresent(u -> perUser.computeIfAbsent(u, k -> new TreeMap<>())
                            .merge(row.day(), creditsOf(row), BigDecimal::add));
        }
        Map<String, List<DailyCredits>> out = new HashMap<>();
        perUser.forEach((u, days) -> out.put(
                u,
                days.entrySet().stream()
                        .map(e -> new DailyCredits(e.getKey(), e.getValue()))
                        .toList()));
        return out;
    }

    private UserUsage summarise(String kiroUser, String scimUser, Map<String, String> names, List<UsageRow> rows) {
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal overage = BigDecimal.ZERO;
        Map<String, Set<LocalDate>> daysByClient = new TreeMap<>();
        Set<LocalDate> days = new HashSet<>();
        String email = null;
        LocalDate last = null;
        String lastClient = null;
        for (UsageRow r : rows) {
            credits = credits.add(creditsOf(r));
            overage = overage.add(r.overageCredits());
            daysByClient.computeIfAbsent(r.clientType(), c -> new HashSet<>()).add(r.day());
            days.add(r.day());
            email = r.email() != null ? r.email() : email;
            if (last == null || !r.day().isBefore(last)) {
                lastClient = last != null
                                && r.day().equals(last)
                                && lastClient != null
                                && lastClient.compareTo(r.clientType()) < 0
                        ? lastClient
                        : r.clientType();
                last = r.day();
            }
        }
        Map<String, Integer> activeByClient = new LinkedHashMap<>();
        daysByClient.forEach((c, set) -> activeByClient.put(c, set.size()));
        String name = scimUser != null ? names.getOrDefault(scimUser, scimUser) : email;
        return new UserUsage(scimUser, name, kiroUser, credits, overage, activeByClient, days.size(), last, lastClient);
    }
}
