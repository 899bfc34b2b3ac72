package dev.kiroscim.core.usage;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Reclaim;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: which seat holders use Kiro, from the imported report, and which seats the pools' reclaim policies free.
 * Idleness is counted only where the report covers the user: from the later of the grant and the first report day,
 * up to the last report day ({@code dataThrough}, not today: reports arrive a day late). A holder the report cannot
 * name, or a server with no report, is "no report data", never idle.
 */
public final class IdleSeats {

    /** All holders, classified, as of the report's last day. */
    public record Result(
            int days, boolean reportConfigured, Optional<LocalDate> dataThrough, List<SeatActivity> holders) {
        public List<SeatActivity> with(SeatActivity.Verdict verdict) {
            return holders.stream().filter(h -> h.verdict() == verdict).toList();
        }
    }

    private static final int PAGE = 500;

    private final Transactions transactions;
    private final Supplier<Policy> policy;
    private final UsageReports usage;
    private final boolean reportConfigured;
    private final Clock clock;

    public IdleSeats(
            Transactions transactions,
            Supplier<Policy> policy,
            UsageReports usage,
            boolean reportConfigured,
            Clock clock) {
        this.transactions = transactions;
        this.policy = policy;
        this.usage = usage;
        this.reportConfigured = reportConfigured;
        this.clock = clock;
    }

    /** Every holder classified against a window of {@code days} days (grace: each pool's {@code reclaimGrace}, if any). */
    public Result find(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be a whole number >= 1, got " + days);
        }
        Policy current = policy.get();
        return classify(
                days,
                pool -> current.pool(pool)
                        .flatMap(Pool::reclaim)
                        .map(Reclaim::grace)
                        .orElse(Duration.ZERO));
    }

    /** Seats the pools' {@code reclaim: release} policies free now: idle for the pool's {@code reclaimAfterIdle}, past grace. */
    public List<SeatActivity> reclaimable() {
        Policy current = policy.get();
        List<SeatActivity> out = new ArrayList<>();
        for (Pool pool : current.pools()) {
            if (pool.reclaim().isEmpty() || pool.reclaim().get().mode() != Reclaim.Mode.RELEASE) {
                continue;
            }
            Reclaim reclaim = pool.reclaim().get();
            int days = (int) Math.max(1, reclaim.afterIdle().toDays());
            classify(days, p -> reclaim.grace()).with(SeatActivity.Verdict.IDLE).stream()
                    .filter(h -> Pool.keyOf(h.pool()).equals(pool.key()))
                    .forEach(out::add);
        }
        return out;
    }

    /** The report's evidence about one holder (for explain); empty when the user holds no seat. */
    public Optional<SeatActivity> of(String userId) {
        Policy current = policy.get();
        Optional<Seat> seat = transactions.read(tx -> tx.seats().seatOf(userId));
        if (seat.isEmpty()) {
            return Optional.empty();
        }
        Duration grace = current.pool(seat.get().pool())
                .flatMap(Pool::reclaim)
                .map(Reclaim::grace)
                .orElse(Duration.ZERO);
        int days = current.pool(seat.get().pool())
                .flatMap(Pool::reclaim)
                .map(r -> (int) Math.max(1, r.afterIdle().toDays()))
                .orElse(30);
        String name =
                transactions.read(tx -> tx.users().userNames(List.of(userId))).getOrDefault(userId, userId);
        return Optional.of(classify(seat.get(), name, days, grace, context()));
    }

    private record Context(
            UserMapping mapping,
            Map<String, UsageStore.UsageActivity> last,
            Optional<LocalDate> first,
            Optional<LocalDate> through,
            Instant now) {}

    private Context context() {
        UsageStore store = usage.store();
        return new Context(
                usage.mapping(), store.lastActivity(), store.earliestDay(), store.latestDay(), clock.instant());
    }

    private Result classify(int days, java.util.function.Function<String, Duration> graceOfPool) {
        Context ctx = context();
        List<Seat> seats = new ArrayList<>();
        transactions.read(tx -> {
            String after = "";
            while (true) {
                List<String> ids = tx.seats().holderIdsAfter(Optional.empty(), Optional.empty(), after, PAGE);
                ids.forEach(id -> tx.seats().seatOf(id).ifPresent(seats::add));
                if (ids.size() < PAGE) {
                    return null;
                }
                after = ids.get(ids.size() - 1);
            }
        });
        Map<String, String> names = seats.isEmpty()
                ? Map.of()
                : transactions.read(tx ->
                        tx.users().userNames(seats.stream().map(Seat::userId).toList()));
        List<SeatActivity> out = new ArrayList<>();
        for (Seat seat : seats) {
            out.add(classify(
                    seat, names.getOrDefault(seat.userId(), seat.userId()), days, graceOfPool.apply(seat.pool()), ctx));
        }
        return new Result(days, reportConfigured, ctx.through(), List.copyOf(out));
    }

    private SeatActivity classify(Seat seat, String name, int days, Duration grace, Context ctx) {
        LocalDate granted = LocalDate.ofInstant(seat.assignedAt(), ZoneOffset.UTC);
        if (ctx.through().isEmpty()) {
            String why = reportConfigured
                    ? "no Kiro activity report imported yet (POST /admin/v1/usage/import)"
                    : "the Kiro activity report is not configured (usage.s3 or usage.directory)";
            return verdict(
                    seat, name, SeatActivity.Verdict.NO_REPORT_DATA, Optional.empty(), null, Optional.empty(), why);
        }
        Optional<String> kiroUser = ctx.mapping().kiroUser(seat.userId());
        if (kiroUser.isEmpty()) {
            return verdict(
                    seat,
                    name,
                    SeatActivity.Verdict.NOT_MAPPED,
                    Optional.empty(),
                    null,
                    Optional.empty(),
                    "no Identity Center user is linked to this user yet, so the report cannot name them");
        }
        LocalDate through = ctx.through().get();
        UsageStore.UsageActivity last = ctx.last().get(kiroUser.get());
        if (through.isBefore(granted) && (last == null || last.day().isBefore(granted))) {
            return verdict(
                    seat,
                    name,
                    SeatActivity.Verdict.NO_REPORT_DATA,
                    Optional.ofNullable(last).map(UsageStore.UsageActivity::day),
                    last == null ? null : last.clientType(),
                    Optional.empty(),
                    "the report data ends on " + through + ", before the seat was granted on " + granted);
        }
        long idle;
        String message;
        if (last != null && !last.day().isBefore(granted)) {
            idle = ChronoUnit.DAYS.between(last.day(), through);
            message = "last Kiro activity: " + last.day() + " (" + last.clientType() + ")";
        } else {
            LocalDate from = ctx.first().filter(f -> f.isAfter(granted)).orElse(granted);
            idle = ChronoUnit.DAYS.between(from, through) + 1;
            message = "no activity in the report since the seat was granted on " + granted
                    + (from.equals(granted) ? "" : " (report data from " + from + ")")
                    + (last == null
                            ? ""
                            : "; last Kiro activity before that: " + last.day() + " (" + last.clientType() + ")");
        }
        message += "; report data through " + through;
        SeatActivity.Verdict verdict = idle < days
                ? SeatActivity.Verdict.ACTIVE
                : seat.assignedAt().plus(grace).isAfter(ctx.now())
                        ? SeatActivity.Verdict.IN_GRACE
                        : SeatActivity.Verdict.IDLE;
        return verdict(
                seat,
                name,
                verdict,
                Optional.ofNullable(last).map(UsageStore.UsageActivity::day),
                last == null ? null : last.clientType(),
                Optional.of(idle),
                message);
    }

    private static SeatActivity verdict(
            Seat seat,
            String name,
            SeatActivity.Verdict verdict,
            Optional<LocalDate> last,
            String client,
            Optional<Long> idle,
            String message) {
        return new SeatActivity(
                seat.userId(), name, seat.pool(), seat.tier(), seat.assignedAt(), verdict, last, client, idle, message);
    }
}
