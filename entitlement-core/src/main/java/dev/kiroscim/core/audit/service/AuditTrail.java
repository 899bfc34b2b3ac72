package dev.kiroscim.core.audit.service;

import dev.kiroscim.core.audit.AuditCheckpoint;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.audit.AuditRetention;
import dev.kiroscim.core.audit.ChainVerifier;
import dev.kiroscim.core.audit.report.HoldersReport;
import dev.kiroscim.core.audit.report.OffboardingReport;
import dev.kiroscim.core.audit.report.SeatsReport;
import dev.kiroscim.core.audit.report.TierPrices;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Use case: read the audit trail (queries, verification, reports) and apply retention. Shared by the admin API
 * and the CLI so both answer the same. Reports read the events they need by type, through the type index.
 */
public final class AuditTrail {

    private static final int PAGE = AuditQuery.MAX_LIMIT;

    private final Transactions transactions;
    private final Supplier<Policy> policy;

    /**
     * @param policy the policy in force, e.g. {@code seats::policy}: a supplier because a reload (or another replica's
     *               {@code policy apply}) replaces it, and reports price seats with the tiers in force when they run
     */
    public AuditTrail(Transactions transactions, Supplier<Policy> policy) {
        this.transactions = transactions;
        this.policy = policy;
    }

    public AuditPage query(AuditQuery query) {
        return transactions.read(tx -> tx.audit().query(query));
    }

    public ChainVerifier.Verification verify() {
        return transactions.read(tx -> ChainVerifier.verify(tx.audit()));
    }

    public List<HoldersReport.Holder> holders(Instant at, String tier) {
        return HoldersReport.at(events(List.of("seat."), at.plusMillis(1)), at, tier, TierPrices.of(policy.get()));
    }

    public OffboardingReport.Result offboarding(Instant since, Instant until) {
        return OffboardingReport.of(
                events(
                        List.of(
                                AuditEvents.SCIM_USER_DEACTIVATED,
                                AuditEvents.SCIM_USER_DELETED,
                                "seat.",
                                AuditEvents.IDC_MEMBERSHIP_REMOVED,
                                AuditEvents.IDC_USER_DELETED),
                        null),
                since,
                until);
    }

    public SeatsReport.Result seats(YearMonth month) {
        Instant end = month.plusMonths(1)
                .atDay(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return SeatsReport.of(events(List.of("seat."), end), month, TierPrices.of(policy.get()));
    }

    /** Seat holdings rebuilt from every {@code seat.*} event before {@code until}: the invoice's input. */
    public dev.kiroscim.core.audit.report.SeatHistory seatHistory(Instant until) {
        return dev.kiroscim.core.audit.report.SeatHistory.of(events(List.of("seat."), until));
    }

    /** Seats held per pool and tier at the end of each of the last {@code days} UTC days (the console's chart). */
    public dev.kiroscim.core.audit.report.SeatUseSeries.Result seatUse(int days, Instant now) {
        java.time.LocalDate from =
                now.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(days - 1L);
        return dev.kiroscim.core.audit.report.SeatUseSeries.of(seatHistory(null), from, now);
    }

    /** Every event of the given types (exact or dotted prefixes) before {@code until} (null: all), in seq order. */
    List<AuditEvent> events(List<String> typeFilters, Instant until) {
        List<String> types = new ArrayList<>();
        typeFilters.forEach(f -> types.addAll(AuditEvents.typesMatching(f)));
        List<AuditEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            AuditQuery q = new AuditQuery(null, null, null, types, null, until, PAGE, after);
            AuditPage page = query(q);
            all.addAll(page.events());
            if (page.next() == null) {
                return all;
            }
            after = AuditQuery.parseCursor(page.next());
        }
    }

    /**
     * Retention: removes events before {@code retention.cutoff(ctx.at())} (keeping the newest event), anchors the
     * chain in a checkpoint and records {@code audit.pruned} — all in one transaction.
     *
     * @return the number of events removed
     */
    public long prune(AuditRetention retention, ChangeContext ctx) {
        Instant cutoff = retention.cutoff(ctx.at());
        return transactions.write(tx -> {
            long removed = tx.audit().prune(cutoff);
            if (removed > 0) {
                long firstKept =
                        tx.audit().checkpoint().map(AuditCheckpoint::firstSeq).orElse(1L);
                tx.audit().append(ctx, AuditEvents.auditPruned(firstKept, removed, cutoff.toString()));
            }
            return removed;
        });
    }
}
