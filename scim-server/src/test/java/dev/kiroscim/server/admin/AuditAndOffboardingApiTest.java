package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an auditor reads: the audit log filtered and paged (JSON and CSV), the offboarding report after the IdP
 * deactivates a seat holder (whose seat then goes to the first in line), and the hash chain's verification, which
 * finds a tampered row.
 */
class AuditAndOffboardingApiTest extends OnSeededAdminApi {

    @BeforeAll
    static void annIsDeactivated() {
        api.deactivate("ann", "2026-11-12T10:00:00Z");
    }

    @Test
    void filteringByUserNameGivesOnlyThatPersonsEventsUpToTheirPromotion() {
        JsonNode events =
                api.get("admin/v1/audit?userName=bob@example.com").json().path("events");
        assertThat(events.size()).isPositive();
        events.forEach(e -> assertThat(e.toString()).contains(api.userId("bob")));
        assertThat(types(events)).contains("scim.user.created", "seat.waitlisted", "seat.promoted");
    }

    @Test
    void aTypePrefixSelectsThatFamilyOfEvents() {
        List<String> types = types(api.get("admin/v1/audit?type=seat.").json().path("events"));
        assertThat(types).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("seat."));
        assertThat(types).contains("seat.assigned", "seat.waitlisted");
    }

    @Test
    void pagesFollowTheCursorInSeqOrderWithoutGapsOrRepeats() {
        List<Long> all = seqs(api.get("admin/v1/audit").json().path("events"));
        List<Long> paged = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 100 && cursor != null; page++) {
            JsonNode body = api.get("admin/v1/audit?limit=4&cursor=" + cursor).json();
            paged.addAll(seqs(body.path("events")));
            cursor = body.path("next").textValue();
        }
        assertThat(paged).isEqualTo(all).isSorted().doesNotHaveDuplicates();
        assertThat(all.size()).isGreaterThan(8);
    }

    @Test
    void sinceAndUntilBoundTheEventTimes() {
        JsonNode events = api.get("admin/v1/audit?since=2026-11-02T00:00:00Z&until=2026-11-04T00:00:00Z")
                .json()
                .path("events");
        assertThat(events.size()).isPositive();
        events.forEach(e -> assertThat(Instant.parse(e.path("at").asText()))
                .isBetween(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z")));
    }

    @Test
    void csvPagesCarryTheNextCursorInAHeader() {
        AdminApiFixture.Answer csv = api.get("admin/v1/audit?limit=2", Map.of("Accept", "text/csv"));
        AdminApiFixture.Answer json = api.get("admin/v1/audit?limit=2");
        assertThat(csv.headers().getFirst("X-Next-Cursor"))
                .isEqualTo(json.json().path("next").asText());
        assertThat(csv.body().lines().count()).as("header and two events").isEqualTo(3);
    }

    @Test
    void offboardingShowsTheDeactivatedHolderAndTheSeatGoesToTheFirstInLine() {
        JsonNode report = api.get("admin/v1/reports/offboarding?since=2026-11-01&until=2026-11-15T00:00:00Z")
                .json();
        JsonNode ann = null;
        for (JsonNode u : report.path("users")) {
            if (u.path("userName").asText().equals("ann@example.com")) {
                ann = u;
            }
        }
        assertThat(ann).as(report.toString()).isNotNull();
        assertThat(ann.path("deactivatedAt").asText()).isEqualTo("2026-11-12T10:00:00Z");
        assertThat(ann.path("hadSeat").asBoolean()).isTrue();
        assertThat(ann.path("seatReleasedAt").asText()).isEqualTo("2026-11-12T10:00:00Z");
        assertThat(ann.path("identityCenterRemovedAt").isNull())
                .as("the downstream never answered")
                .isTrue();

        JsonNode dev = api.get("admin/v1/pools/Dev-Team").json();
        assertThat(dev.path("holders").get(0).path("userName").asText()).isEqualTo("bob@example.com");
        assertThat(dev.path("waitlist").get(0).path("userName").asText()).isEqualTo("cara@example.com");
        assertThat(api.get("admin/v1/users/ann@example.com/explain")
                        .json()
                        .path("verdict")
                        .asText())
                .startsWith("Step 1");
    }

    @Test
    void verifyFindsATamperedRowOnRefreshAndAnswersTheLastResultMeanwhile(@TempDir Path own) throws SQLException {
        try (AdminApiFixture tampered = AdminApiFixture.start(own)) {
            JsonNode intact = tampered.get("admin/v1/audit/verify").json();
            assertThat(intact.path("ok").asBoolean()).isTrue();
            assertThat(intact.path("verified").asInt()).isGreaterThan(8);
            assertThat(intact.path("firstBadSeq").isNull()).isTrue();
            assertThat(intact.path("checkedAt").asText()).isEqualTo("2026-11-15T12:00:00Z");

            try (Connection c = tampered.database().dataSource().getConnection();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(true); // the pool's connections do not commit on their own
                assertThat(s.executeUpdate("update audit_event set actor = 'innocent' where seq = 3"))
                        .isEqualTo(1);
            }
            assertThat(tampered.get("admin/v1/audit/verify").json().path("ok").asBoolean())
                    .as("the last result, until a refresh")
                    .isTrue();
            JsonNode refreshed =
                    tampered.get("admin/v1/audit/verify?refresh=true").json();
            assertThat(refreshed.path("ok").asBoolean()).isFalse();
            assertThat(refreshed.path("firstBadSeq").asLong()).isEqualTo(3);
            assertThat(refreshed.path("problem").asText()).isNotBlank();
        }
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("type").asText()));
        return out;
    }

    private static List<Long> seqs(JsonNode events) {
        List<Long> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("seq").asLong()));
        return out;
    }
}
