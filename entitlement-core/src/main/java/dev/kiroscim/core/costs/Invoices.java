package dev.kiroscim.core.costs;

import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.billing.DailyCredits;
import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.billing.Invoicing;
import dev.kiroscim.core.billing.KiroBilling;
import dev.kiroscim.core.policy.Policy;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Use case: the invoice of a month from the audit log's seat events plus the imported usage, by the policy in
 * force's prices, allowances and overage ({@link KiroBilling}). Shared by the admin API, the CLI and the metrics.
 */
public final class Invoices {

    private final AuditTrail trail;
    private final Supplier<Policy> policy;
    private final Function<YearMonth, Map<String, List<DailyCredits>>> usage;
    private final Clock clock;

    /** @param usage daily credits by our user id for a month (empty map when no report is imported) */
    public Invoices(
            AuditTrail trail,
            Supplier<Policy> policy,
            Function<YearMonth, Map<String, List<DailyCredits>>> usage,
            Clock clock) {
        this.trail = trail;
        this.policy = policy;
        this.usage = usage;
        this.clock = clock;
    }

    public Invoice month(YearMonth month) {
        Instant now = clock.instant();
        Instant end = KiroBilling.start(month.plusMonths(1));
        Instant until = now.isBefore(end) ? now.plusMillis(1) : end;
        return Invoicing.of(
                new KiroBilling(policy.get().billingRules()),
                month,
                now,
                trail.seatHistory(until).byUser(),
                usage.apply(month));
    }

    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC));
    }
}
