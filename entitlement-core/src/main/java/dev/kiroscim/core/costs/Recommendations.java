package dev.kiroscim.core.costs;

import dev.kiroscim.core.billing.DailyCredits;
import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.billing.KiroBilling;
import dev.kiroscim.core.billing.TierAdvice;
import dev.kiroscim.core.policy.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Use case: a tier per current seat holder from their credit use over the last complete months (months in which the
 * report has rows for them), with the monthly saving, from the policy's prices and allowances. Holders the report
 * says nothing about get no advice (no data is not zero use) and are counted.
 */
public final class Recommendations {

    /** @param basedOn the months averaged; holdersWithoutData: current holders with no report rows in them */
    public record Result(
            List<YearMonth> basedOn,
            List<TierAdvice.Advice> advice,
            BigDecimal monthlySavingUsd,
            int holdersWithoutData) {}

    private final Invoices invoices;
    private final Supplier<Policy> policy;
    private final Function<YearMonth, Map<String, List<DailyCredits>>> usage;

    public Recommendations(
            Invoices invoices, Supplier<Policy> policy, Function<YearMonth, Map<String, List<DailyCredits>>> usage) {
        this.invoices = invoices;
        this.policy = policy;
        this.usage = usage;
    }

    public Result of(int months) {
        if (months < 1 || months > 12) {
            throw new IllegalArgumentException("months must be between 1 and 12, got " + months);
        }
        YearMonth current = invoices.currentMonth();
        List<YearMonth> basedOn = new ArrayList<>();
        Map<String, BigDecimal> total = new HashMap<>();
        Map<String, Integer> monthsWithData = new HashMap<>();
        for (int i = months; i >= 1; i--) {
            YearMonth m = current.minusMonths(i);
            basedOn.add(m);
            usage.apply(m).forEach((user, days) -> {
                total.merge(
                        user,
                        days.stream().map(DailyCredits::credits).reduce(BigDecimal.ZERO, BigDecimal::add),
                        BigDecimal::add);
                monthsWithData.merge(user, 1, Integer::sum);
            });
        }
        List<TierAdvice.Holder> holders = new ArrayList<>();
        int withoutData = 0;
        for (Invoice.Line line : invoices.month(current).lines()) {
            if (line.bill().tierAtEnd().isEmpty()) {
                continue;
            }
            Integer n = monthsWithData.get(line.userId());
            if (n == null) {
                withoutData++;
                continue;
            }
            holders.add(new TierAdvice.Holder(
                    line.userId(),
                    line.userName(),
                    line.bill().tierAtEnd().get(),
                    total.get(line.userId()).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP)));
        }
        List<TierAdvice.Advice> advice =
                TierAdvice.of(new KiroBilling(policy.get().billingRules()), holders);
        return new Result(
                List.copyOf(basedOn),
                advice,
                advice.stream().map(TierAdvice.Advice::monthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add),
                withoutData);
    }
}
