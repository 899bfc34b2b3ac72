package dev.kiroscim.core.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of Kiro's per-user activity report: one user × one UTC day × one client type (× one Kiro profile).
 *
 * @param day              the report's {@code Date}
 * @param kiroUserId       the report's {@code UserId}, normalised to the Identity Store user id (the part after
 *                         the last {@code .}: {@code d-9067c98495.1408e438-…} → {@code 1408e438-…})
 * @param clientType       {@code KIRO_IDE}, {@code KIRO_CLI}, {@code PLUGIN}, {@code KIRO_WEB}, …
 * @param profileId        the Kiro profile ARN ({@code ""} when the column is absent)
 * @param credits          {@code Credits_Used}
 * @param overageCredits   {@code Overage_Credits_Used} (0 when absent)
 * @param overageEnabled   {@code Overage_Enabled}; null when absent
 * @param tier             {@code Subscription_Tier} as written ({@code PRO_PLUS}, …); null when absent
 * @param messages         {@code Total_Messages} (0 when absent)
 * @param conversations    {@code Chat_Conversations} (0 when absent)
 * @param email            {@code User_Email}; null when absent
 * @param extra            every other column by its header as written (model counts, {@code Usage_Limit}, future
 *                         columns): kept, never an error
 * @param fileKey          the report file the row came from
 */
public record UsageRow(
        LocalDate day,
        String kiroUserId,
        String clientType,
        String profileId,
        BigDecimal credits,
        BigDecimal overageCredits,
        Boolean overageEnabled,
        String tier,
        long messages,
        long conversations,
        String email,
        Map<String, String> extra,
        String fileKey) {
    public UsageRow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kiroUserId, "kiroUserId");
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(overageCredits, "overageCredits");
        Objects.requireNonNull(fileKey, "fileKey");
        extra = java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /** The row's identity: a later export of the same key replaces it (Kiro re-delivers files). */
    public String key() {
        return day + "|" + kiroUserId + "|" + clientType + "|" + profileId;
    }

    /** Normalises a report {@code UserId} to the Identity Store user id. */
    public static String normaliseUserId(String raw) {
        String trimmed = raw.trim();
        int dot = trimmed.lastIndexOf('.');
        return dot >= 0 ? trimmed.substring(dot + 1) : trimmed;
    }
}
