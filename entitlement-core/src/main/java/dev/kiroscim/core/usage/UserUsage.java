package dev.kiroscim.core.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One user's Kiro use in a month, from the imported report.
 *
 * @param scimUserId         our user, or null for a report user we cannot map
 * @param userName           our userName, or the report's email for an unknown user
 * @param kiroUserId         the Identity Store user id the report names
 * @param credits            credits used in the month, overage included (per {@code usage.creditsIncludeOverage})
 * @param overageCredits     the report's {@code Overage_Credits_Used}, summed
 * @param activeDaysByClient days with at least one row, per client type ({@code KIRO_IDE}: 12, …)
 * @param activeDays         days with at least one row on any client
 * @param lastActive         the last active day in the month
 * @param lastClient         a client used on that day
 */
public record UserUsage(
        String scimUserId,
        String userName,
        String kiroUserId,
        BigDecimal credits,
        BigDecimal overageCredits,
        Map<String, Integer> activeDaysByClient,
        int activeDays,
        LocalDate lastActive,
        String lastClient) {}
