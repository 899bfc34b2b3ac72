package dev.kiroscim.core.notify;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.seats.SeatOverview;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sentence per event, naming people and pools the way the admin guides do: a person by display name (their
 * userName when the directory has none), a pool by its group, a tier by its product name ({@code PRO_PLUS} is
 * "Kiro Pro+"). Examples:
 * <ul>
 *   <li>seat.waitlisted: "Ann Example is 3rd in line for Kiro Pro+ (Kiro-Platform is full: 20/20)"</li>
 *   <li>pool.nearlyFull: "Kiro-Platform is 90% full: 18/20 Kiro Pro+ seats held, 0 waiting"</li>
 *   <li>grant.expiringSoon: "Bob Builder's Kiro Pro seat from Kiro-Contractors ends in 2 days (2026-12-03)"</li>
 * </ul>
 * Pool counts in {@code seat.waitlisted} are read when the message is written (the event holds only the position).
 */
public final class SlackSentences {

    /** @param plain for {@code text}; @param markdown the same with the person in bold, for the section block */
    public record Sentence(String plain, String markdown) {}

    private SlackSentences() {}

    public static Sentence of(AuditEvent e, PeopleAndPools lookup) {
        Map<String, Object> d = e.details();
        String who = person(e.subject(), lookup);
        String pool = text(d.get("pool"));
        String tier = tierName(text(d.get("tier")));
        String reason = withProductNames(text(d.get("reason")));
        String sentence = switch (e.type()) {
            case AuditEvents.SEAT_WAITLISTED -> waitlisted(who, pool, tier, d.get("position"), lookup);
            case AuditEvents.SEAT_ASSIGNED -> who + " got a " + tier + " seat from " + pool;
            case AuditEvents.SEAT_PROMOTED -> who + " moved up to " + tier + " in " + pool + " (" + reason + ")";
            case AuditEvents.SEAT_RELEASED ->
                who + "'s " + tier + " seat in " + pool + " was released (" + reason + ")";
            case AuditEvents.SEAT_EXPIRED ->
                who + "'s " + tier + " seat in " + pool + " expired: the grant reached maxGrant";
            case AuditEvents.SEAT_RECLAIMED ->
                who + "'s " + tier + " seat in " + pool + " was reclaimed after " + d.get("daysIdle") + " idle days";
            case AuditEvents.POOL_NEARLY_FULL ->
                e.subject().name() + " is " + percent(d) + "% full: " + d.get("assigned") + "/" + d.get("seats") + " "
                        + tierName(text(d.get("tier"))) + " seats held, " + d.get("waitlisted") + " waiting";
            case AuditEvents.GRANT_EXPIRING_SOON ->
                who + "'s " + tier + " seat from " + pool + " ends in " + days(d.get("daysLeft")) + " ("
                        + date(d.get("expiresAt")) + ")";
            case AuditEvents.TOKEN_EXPIRING_SOON ->
                e.subject().kind().equals(AuditSubject.DOWNSTREAM)
                        ? "The " + e.subject().name() + " expires in " + days(d.get("daysLeft")) + " ("
                                + date(d.get("expires")) + "): generate a new one in the IAM Identity Center console,"
                                + " write it to the scimTokenFile and update identityCenter.scimTokenExpires"
                        : "API token " + e.subject().name() + " (" + d.get("scope") + ") expires in "
                                + days(d.get("daysLeft")) + " (" + date(d.get("expires")) + "): rotate it before then";
            case AuditEvents.SYNC_DEAD_LETTERED ->
                "Identity Center sync of " + who + " failed " + d.get("attempts") + " times and is parked: "
                        + d.get("error") + ". Retry with POST /admin/v1/sync/retry";
            case EventSelector.BUDGET_EXHAUSTED -> budget(e, d);
            default ->
                e.type() + ": "
                        + (e.subject().name() == null
                                ? e.subject().kind()
                                : e.subject().name());
        };
        String plain = sentence;
        String markdown = SlackFormat.escape(sentence);
        if (e.subject().kind().equals(AuditSubject.USER) && sentence.startsWith(who)) {
            markdown = "*" + SlackFormat.escape(who) + "*" + SlackFormat.escape(sentence.substring(who.length()));
        }
        return new Sentence(plain, markdown);
    }

    /** {@code PRO} "Kiro Pro", {@code PRO_PLUS} "Kiro Pro+", {@code POWER} "Kiro Power", {@code PRO_MAX} "Kiro Pro Max". */
    public static String tierName(String tier) {
        if (tier == null || tier.isBlank()) {
            return "Kiro";
        }
        StringBuilder out = new StringBuilder("Kiro");
        for (String part : tier.split("_")) {
            if (part.equalsIgnoreCase("PLUS")) {
                out.append('+');
            } else if (!part.isEmpty()) {
                out.append(' ')
                        .append(part.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern TIER_ID =
            java.util.regex.Pattern.compile("\\b(PRO_PLUS|PRO_MAX|PRO|POWER)\\b");

    /**
     * The allocator's reason, written for the audit log, names tiers by id ("moved up from PRO"); a message for people
     * names them as the sentence around it does ("moved up from Kiro Pro"). Display only: nothing reads facts from it.
     */
    static String withProductNames(String reason) {
        return reason == null ? null : TIER_ID.matcher(reason).replaceAll(m -> tierName(m.group(1)));
    }

    /** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
    public static String ordinal(long n) {
        long lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch ((int) (n % 10)) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static String waitlisted(String who, String pool, String tier, Object position, PeopleAndPools lookup) {
        String line = position instanceof Number n ? ordinal(n.longValue()) + " in line" : "waiting";
        Optional<SeatOverview.PoolUse> use = lookup.pool(pool);
        String full = use.filter(u -> u.seats().isPresent())
                .map(u -> " (" + pool + " is full: " + u.assigned() + "/"
                        + u.seats().getAsInt() + ")")
                .orElse(" (" + pool + " is full)");
        return who + " is " + line + " for " + tier + full;
    }

    private static String budget(AuditEvent e, Map<String, Object> d) {
        String what = d.get("pool") != null ? text(d.get("pool")) : tierName(text(d.get("tier")));
        return "The " + d.get("month") + " budget of " + what + " is used up: $" + d.get("spentUsd") + " of $"
                + d.get("budgetUsd") + "; new seats wait until " + date(d.get("nextMonthStarts"));
    }

    private static String person(AuditSubject s, PeopleAndPools lookup) {
        if (!AuditSubject.USER.equals(s.kind())) {
            return s.name() == null ? s.kind() : s.name();
        }
        Optional<String> display = s.id() == null ? Optional.empty() : lookup.displayName(s.id());
        return display.filter(n -> !n.isBlank()).orElse(s.name() == null ? "user " + s.id() : s.name());
    }

    private static String percent(Map<String, Object> d) {
        if (d.get("assigned") instanceof Number a && d.get("seats") instanceof Number s && s.longValue() > 0) {
            return Long.toString(a.longValue() * 100 / s.longValue());
        }
        return String.valueOf(d.get("thresholdPercent"));
    }

    private static String days(Object n) {
        long v = n instanceof Number x ? x.longValue() : 0;
        return v == 1 ? "1 day" : v + " days";
    }

    private static String date(Object iso) {
        String s = text(iso);
        return s.length() >= 10 ? s.substring(0, 10) : s;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
