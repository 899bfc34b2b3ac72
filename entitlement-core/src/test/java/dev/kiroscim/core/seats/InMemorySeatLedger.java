package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link SeatLedger} in memory, for fast tests and as the reference the SQL ledger is checked against.
 *
 * <p>It also plays the directory: {@link #putUser}, {@link #join}, {@link #leave}, {@link #setActive} and
 * {@link #deleteUser} change the facts the allocator reads, and never touch seats; call
 * {@link SeatAllocator#settle} afterwards with the users concerned. Groups are identified by name,
 * case-insensitively (this ledger has no separate externalIds). Every method is synchronized, so one
 * instance is safe to share, but each call is atomic on its own: callers serialise whole steps
 * ({@link #lockForAllocation} locks nothing here).
 */
public final class InMemorySeatLedger implements SeatStore {
    /** userId → active flag; absent means unknown or deleted. */
    private final Map<String, Boolean> users = new HashMap<>();
    /** group key → userId → joinedAt. */
    private final Map<String, Map<String, Instant>> members = new HashMap<>();
    /** group key → userId → expiredAt; an entry lives only as long as the membership. */
    private final Map<String, Map<String, Instant>> expiries = new HashMap<>();
    /** userId → seat. */
    private final Map<String, Seat> seats = new HashMap<>();

    // ---- directory side -------------------------------------------------------------------------------------

    /** Creates or updates a user. */
    public synchronized void putUser(String userId, boolean active) {
        users.put(userId, active);
    }

    public synchronized void setActive(String userId, boolean active) {
        if (!users.containsKey(userId)) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        users.put(userId, active);
    }

    /** Deletes the user and their memberships; their seat stays until the next settle releases it. */
    public synchronized void deleteUser(String userId) {
        users.remove(userId);
        members.values().forEach(m -> m.remove(userId));
        expiries.values().forEach(m -> m.remove(userId));
    }

    /** Adds the user to the group at {@code at}; a user already in the group keeps their original join time. */
    public synchronized void join(String userId, String group, Instant at) {
        members.computeIfAbsent(Pool.keyOf(group), g -> new HashMap<>()).putIfAbsent(userId, at);
    }

    /** Removes the user from the group, which also clears an expiry mark there (rule 6: re-joining starts anew). */
    public synchronized void leave(String userId, String group) {
        Optional.ofNullable(members.get(Pool.keyOf(group))).ifPresent(m -> m.remove(userId));
        Optional.ofNullable(expiries.get(Pool.keyOf(group))).ifPresent(m -> m.remove(userId));
    }

    /** Group keys (lower-cased) the user belongs to. */
    public synchronized Set<String> groupsOf(String userId) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().containsKey(userId))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every known user id, sorted. */
    public synchronized Set<String> userIds() {
        return new TreeSet<>(users.keySet());
    }

    /** All seats, by user id. */
    public synchronized Map<String, Seat> seats() {
        return new TreeMap<>(seats);
    }

    /**
     * The whole state, as sorted values, so two ledgers can be compared with {@code equals}.
     *
     * @param users       userId → active
     * @param memberships "group|userId" → joinedAt
     * @param expiries    "group|userId" → expiredAt
     * @param seats       userId → seat
     */
    public record Snapshot(
            Map<String, Boolean> users,
            Map<String, Instant> memberships,
            Map<String, Instant> expiries,
            Map<String, Seat> seats) {}

    public synchronized Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(users), flatten(members), flatten(expiries), new TreeMap<>(seats));
    }

    private static Map<String, Instant> flatten(Map<String, Map<String, Instant>> byGroup) {
        Map<String, Instant> flat = new TreeMap<>();
        byGroup.forEach((group, byUser) -> byUser.forEach((user, at) -> flat.put(group + "|" + user, at)));
        return flat;
    }

    // ---- SeatLedger -----------------------------------------------------------------------------------------

    @Override
    public synchronized boolean isActive(String userId) {
        return users.getOrDefault(userId, false);
    }

    @Override
    public synchronized Optional<Instant> joinedAt(String userId, String poolGroup) {
        return Optional.ofNullable(
                members.getOrDefault(Pool.keyOf(poolGroup), Map.of()).get(userId));
    }

    @Override
    public synchronized Optional<Instant> expiredAt(String userId, String poolGroup) {
        return Optional.ofNullable(
                expiries.getOrDefault(Pool.keyOf(poolGroup), Map.of()).get(userId));
    }

    @Override
    public synchronized Optional<Seat> seatOf(String userId) {
        return Optional.ofNullable(seats.get(userId));
    }

    @Override
    public synchronized int countAssigned(String poolGroup) {
        return (int) seatsInPool(poolGroup).count();
    }

    @Override
    public synchronized List<Seat> seatsIn(String poolGroup) {
        return seatsInPool(poolGroup)
                .sorted(Comparator.comparing(Seat::assignedAt).thenComparing(Seat::userId))
                .toList();
    }

    private Stream<Seat> seatsInPool(String poolGroup) {
        String key = Pool.keyOf(poolGroup);
        return seats.values().stream().filter(s -> Pool.keyOf(s.pool()).equals(key));
    }

    @Override
    public synchronized Set<String> poolGroupsWithSeats() {
        return seats.values().stream().map(Seat::pool).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public synchronized List<Seat> seatsExpiringBy(Instant now) {
        return seats.values().stream()
                .filter(s -> s.expiresAt().isPresent() && !s.expiresAt().get().isAfter(now))
                .sorted(Comparator.comparing((Seat s) -> s.expiresAt().orElseThrow())
                        .thenComparing(Seat::userId))
                .toList();
    }

    @Override
    public synchronized List<Waiter> firstWaiting(String poolGroup, Set<String> upgradableTiers, int limit) {
        return waiting(poolGroup, upgradableTiers).limit(limit).toList();
    }

    @Override
    public synchronized int countWaitingAhead(String poolGroup, Set<String> upgradableTiers, Waiter waiter) {
        return (int) waiting(poolGroup, upgradableTiers)
                .filter(w -> Waiter.QUEUE_ORDER.compare(w, waiter) < 0)
                .count();
    }

    private Stream<Waiter> waiting(String poolGroup, Set<String> upgradableTiers) {
        String key = Pool.keyOf(poolGroup);
        Map<String, Instant> expired = expiries.getOrDefault(key, Map.of());
        return members.getOrDefault(key, Map.of()).entrySet().stream()
                .filter(m -> isActive(m.getKey()) && !expired.containsKey(m.getKey()))
                .filter(m -> {
                    Seat seat = seats.get(m.getKey());
                    return seat == null || upgradableTiers.contains(seat.tier());
                })
                .map(m -> new Waiter(m.getKey(), m.getValue()))
                .sorted(Waiter.QUEUE_ORDER);
    }

    private String appliedPolicy = "";

    @Override
    public synchronized String appliedPolicySha256() {
        return appliedPolicy;
    }

    @Override
    public synchronized void recordAppliedPolicy(String contentSha256) {
        appliedPolicy = contentSha256;
    }

    private StoredPolicy activePolicy;

    @Override
    public synchronized Optional<StoredPolicy> activePolicy() {
        return Optional.ofNullable(activePolicy);
    }

    @Override
    public synchronized void storeActivePolicy(StoredPolicy policy) {
        activePolicy = policy;
        appliedPolicy = policy.sha256();
    }

    /** The previous step's instant, for {@link #lockForAllocation}. */
    private Instant lastStep = Instant.MIN;

    @Override
    public synchronized Instant lockForAllocation(Instant proposed) {
        // one JVM, one caller at a time by contract: nothing to lock, but steps still get increasing instants
        lastStep = proposed.isAfter(lastStep) ? proposed : lastStep.plusMillis(1);
        return lastStep;
    }

    /** Here groups are identified by name: {@code groupId} is the group's name. */
    @Override
    public synchronized void stampJoins(String groupId, java.util.Collection<String> userIds, Instant at) {
        Map<String, Instant> byUser = members.get(Pool.keyOf(groupId));
        if (byUser != null) {
            userIds.stream().filter(byUser::containsKey).forEach(id -> byUser.put(id, at));
        }
    }

    @Override
    public synchronized int countWaiting(String poolGroup, Set<String> upgradableTiers) {
        return (int) waiting(poolGroup, upgradableTiers).count();
    }

    @Override
    public synchronized List<String> userIdsAfter(String afterUserId, int limit) {
        return users.keySet().stream()
                .filter(id -> id.compareTo(afterUserId) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<String> memberIdsAfter(String poolGroup, String afterUserId, int limit) {
        return members.getOrDefault(Pool.keyOf(poolGroup), Map.of()).keySet().stream()
                .filter(id -> id.compareTo(afterUserId) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<String> holderIdsAfter(
            Optional<String> poolGroup, Optional<String> tier, String afterUserId, int limit) {
        return seats.values().stream()
                .filter(s -> poolGroup.isEmpty() || Pool.keyOf(s.pool()).equals(Pool.keyOf(poolGroup.get())))
                .filter(s -> tier.isEmpty() || s.tier().equals(tier.get()))
                .map(Seat::userId)
                .filter(id -> id.compareTo(afterUserId) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void assign(Seat seat) {
        seats.put(seat.userId(), seat);
    }

    @Override
    public synchronized void release(String userId) {
        seats.remove(userId);
    }

    @Override
    public synchronized void markExpired(String userId, String poolGroup, Instant at) {
        if (joinedAt(userId, poolGroup).isPresent()) {
            expiries.computeIfAbsent(Pool.keyOf(poolGroup), g -> new HashMap<>())
                    .put(userId, at);
        }
    }

    // ---- charges --------------------------------------------------------------------------------------------

    private YearMonth chargesMonth;
    /** "month|userId" → charge. */
    private final Map<String, MonthCharge> charges = new TreeMap<>();
    /** "month|kind|key" of budgets that refused a grant. */
    private final Set<String> exhausted = new TreeSet<>();

    @Override
    public synchronized Optional<YearMonth> chargesMonth() {
        return Optional.ofNullable(chargesMonth);
    }

    @Override
    public synchronized void openChargesMonth(YearMonth month) {
        charges.values().removeIf(c -> c.month().isBefore(month.minusMonths(1)));
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Seat seat : seats.values()) {
            int firstDay = seat.assignedAt().isBefore(start)
                    ? MonthCharge.HELD_AT_START
                    : LocalDate.ofInstant(seat.assignedAt(), ZoneOffset.UTC).getDayOfMonth();
            putCharge(new MonthCharge(month, seat.userId(), seat.pool(), seat.tier(), firstDay));
        }
        chargesMonth = month;
    }

    @Override
    public synchronized Optional<MonthCharge> chargeOf(String userId, YearMonth month) {
        return Optional.ofNullable(charges.get(month + "|" + userId));
    }

    @Override
    public synchronized void putCharge(MonthCharge charge) {
        charges.put(charge.month() + "|" + charge.userId(), charge);
    }

    @Override
    public synchronized List<MonthCharge.Count> chargeCounts(YearMonth month, BudgetScope scope) {
        Map<String, Integer> counts = new TreeMap<>();
        charges.values().stream()
                .filter(c -> c.month().equals(month))
                .filter(c -> scope.kind() == BudgetScope.Kind.POOL
                        ? Pool.keyOf(c.pool()).equals(scope.key())
                        : c.tier().equals(scope.key()))
                .forEach(c -> counts.merge(c.tier() + "|" + c.firstDay(), 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> {
                    int bar = e.getKey().lastIndexOf('|');
                    return new MonthCharge.Count(
                            e.getKey().substring(0, bar),
                            Integer.parseInt(e.getKey().substring(bar + 1)),
                            e.getValue());
                })
                .toList();
    }

    @Override
    public synchronized boolean markBudgetExhausted(YearMonth month, BudgetScope scope, Instant at) {
        return exhausted.add(month + "|" + scope.kindName() + "|" + scope.key());
    }
}
