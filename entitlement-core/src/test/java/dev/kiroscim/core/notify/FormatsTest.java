package dev.kiroscim.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.CanonicalJson;
import dev.kiroscim.core.audit.ChainHash;
import dev.kiroscim.core.seats.SeatOverview;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CloudEvents attributes, Slack's message fields and sentences, and the signature. */
class FormatsTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:02:00Z");
    private static final AuditSubject ANN = AuditSubject.user("2819c223", "ann@example.com");

    /** Ann Example's name and a full Kiro-Platform pool (20/20, 4 waiting). */
    private static final PeopleAndPools LOOKUP = new PeopleAndPools() {
        @Override
        public Optional<String> displayName(String userId) {
            return userId.equals("2819c223") ? Optional.of("Ann Example") : Optional.empty();
        }

        @Override
        public Optional<SeatOverview.PoolUse> pool(String group) {
            return group.equals("Kiro-Platform")
                    ? Optional.of(new SeatOverview.PoolUse("Kiro-Platform", "PRO_PLUS", OptionalInt.of(20), 20, 4))
                    : Optional.empty();
        }
    };

    private static AuditEvent event(AuditEntry e) {
        return new AuditEvent(
                        42, AT, e.type(), "okta", e.subject(), e.group(), e.details(), "r-1", ChainHash.GENESIS, null)
                .chainedTo(ChainHash.GENESIS);
    }

    @Test
    void cloudEventsCarryTheRequiredAttributesAndTheAuditEventAsData() {
        AuditEvent e = event(AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "pool full")
                .with("position", 3));
        Map<String, Object> ce = CanonicalJson.parseObject(CloudEventFormat.write(e));
        assertThat(ce)
                .containsEntry("specversion", "1.0")
                .containsEntry("id", e.hash())
                .containsEntry("source", "/kiro-scim-bridge")
                .containsEntry("type", "dev.kiroscim.seat.waitlisted")
                .containsEntry("subject", "user/2819c223")
                .containsEntry("time", "2026-12-01T09:02:00Z")
                .containsEntry("datacontenttype", "application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ce.get("data");
        assertThat(data)
                .containsEntry("seq", 42L)
                .containsEntry("type", "seat.waitlisted")
                .containsEntry("actor", "okta");
        assertThat(data.get("details"))
                .isEqualTo(Map.of("pool", "Kiro-Platform", "tier", "PRO_PLUS", "reason", "pool full", "position", 3L));
    }

    @Test
    void slackMessagesHaveOnlyTheFieldsIncomingWebhooksAccept() {
        AuditEvent e = event(AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "pool full")
                .with("position", 3));
        Map<String, Object> message = CanonicalJson.parseObject(SlackFormat.write(e, LOOKUP));
        assertThat(message.keySet()).isEqualTo(Set.of("text", "blocks"));
        assertThat(message.get("text"))
                .isEqualTo("Ann Example is 3rd in line for Kiro Pro+ (Kiro-Platform is full: 20/20)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) message.get("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0))
                .containsEntry("type", "section")
                .containsEntry(
                        "text",
                        Map.of(
                                "type",
                                "mrkdwn",
                                "text",
                                "*Ann Example* is 3rd in line for Kiro Pro+ (Kiro-Platform is full: 20/20)"));
        assertThat(blocks.get(1)).containsEntry("type", "context");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> elements =
                (List<Map<String, Object>>) blocks.get(1).get("elements");
        assertThat(elements).singleElement().satisfies(el -> {
            assertThat(el.keySet()).isEqualTo(Set.of("type", "text"));
            assertThat(el.get("type")).isEqualTo("mrkdwn");
            assertThat((String) el.get("text")).contains("seat.waitlisted").contains("by okta");
        });
        // Slack limits: text of a section ≤ 3000 characters, ≤ 50 blocks
        assertThat(((String) message.get("text")).length()).isLessThan(3000);
    }

    @Test
    void sentencesNamePeopleAndPoolsAsTheAdminGuideDoes() {
        assertThat(plain(AuditEvents.poolNearlyFull("Kiro-Platform", "PRO_PLUS", 20, 18, 0, 90)))
                .isEqualTo("Kiro-Platform is 90% full: 18/20 Kiro Pro+ seats held, 0 waiting");
        assertThat(plain(AuditEvents.grantExpiringSoon(
                        AuditSubject.user("u-bob", "bob@example.com"),
                        "Kiro-Contractors",
                        "PRO",
                        Instant.parse("2026-12-03T09:00:00Z"),
                        2)))
                .as("no display name known: the userName")
                .isEqualTo("bob@example.com's Kiro Pro seat from Kiro-Contractors ends in 2 days (2026-12-03)");
        assertThat(plain(AuditEvents.tokenExpiringSoon("okta", "scim", Instant.parse("2026-12-02T00:00:00Z"), 1)))
                .isEqualTo("API token okta (scim) expires in 1 day (2026-12-02): rotate it before then");
        assertThat(plain(AuditEvents.downstreamTokenExpiringSoon(Instant.parse("2027-11-30T00:00:00Z"), 14)))
                .isEqualTo("The IAM Identity Center SCIM token expires in 14 days (2027-11-30): generate a new one in"
                        + " the IAM Identity Center console, write it to the scimTokenFile and update"
                        + " identityCenter.scimTokenExpires");
        assertThat(plain(AuditEvents.syncDeadLettered(ANN, 8, "IdentityStoreUnavailable: 503")))
                .startsWith("Identity Center sync of Ann Example failed 8 times and is parked");
        assertThat(plain(AuditEvents.seatPromoted(ANN, "Kiro-Platform", "PRO_PLUS", "moved up from PRO")))
                .as("the allocator's reason names the tier by id; the sentence by product name")
                .isEqualTo("Ann Example moved up to Kiro Pro+ in Kiro-Platform (moved up from Kiro Pro)");
        assertThat(plain(AuditEvents.seatReclaimed(ANN, "Kiro-Developers", "POWER", "idle", null, 45)))
                .isEqualTo("Ann Example's Kiro Power seat in Kiro-Developers was reclaimed after 45 idle days");
        // as the budget enforcement writes it (subject kind budget, id "pool:<group>")
        AuditEvent budget = new AuditEvent(
                7,
                AT,
                "budget.exhausted",
                "system",
                new AuditSubject("budget", "pool:Kiro-Platform", "Kiro-Platform"),
                null,
                Map.of(
                        "pool",
                        "Kiro-Platform",
                        "month",
                        "2026-12",
                        "budgetUsd",
                        "400.00",
                        "spentUsd",
                        "400.00",
                        "nextMonthStarts",
                        "2027-01-01"),
                null,
                ChainHash.GENESIS,
                "h");
        assertThat(SlackSentences.of(budget, LOOKUP).plain())
                .isEqualTo(
                        "The 2026-12 budget of Kiro-Platform is used up: $400.00 of $400.00; new seats wait until 2027-01-01");
    }

    @Test
    void slackControlCharactersAreEscapedInMarkdown() {
        AuditEvent e = event(AuditEvents.seatAssigned(
                AuditSubject.user("u-x", "<!channel>&co@example.com"), "Kiro-Platform", "PRO", "free"));
        String markdown = SlackSentences.of(e, PeopleAndPools.NONE).markdown();
        assertThat(markdown).startsWith("*&lt;!channel&gt;&amp;co@example.com*").doesNotContain("<!channel>");
    }

    @Test
    void tierNamesAndOrdinals() {
        assertThat(SlackSentences.tierName("PRO")).isEqualTo("Kiro Pro");
        assertThat(SlackSentences.tierName("PRO_PLUS")).isEqualTo("Kiro Pro+");
        assertThat(SlackSentences.tierName("POWER")).isEqualTo("Kiro Power");
        assertThat(SlackSentences.tierName("PRO_MAX")).isEqualTo("Kiro Pro Max");
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111).stream()
                        .map(SlackSentences::ordinal))
                .containsExactly(
                        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th");
    }

    @Test
    void theSignatureIsHmacSha256OfTheBodyInHex() {
        byte[] key = "key".getBytes(StandardCharsets.UTF_8);
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        // RFC 4231-style known answer (Wikipedia's HMAC example)
        String expected = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assertThat(WebhookSignature.sign(key, body)).isEqualTo(expected);
        assertThat(WebhookSignature.verify(key, body, expected)).isTrue();
        assertThat(WebhookSignature.verify(key, "tampered".getBytes(StandardCharsets.UTF_8), expected))
                .isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), body, expected))
                .isFalse();
    }

    private static String plain(AuditEntry entry) {
        return SlackSentences.of(event(entry), LOOKUP).plain();
    }
}
