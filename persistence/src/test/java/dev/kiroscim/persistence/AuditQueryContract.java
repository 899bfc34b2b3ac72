package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code JdbcAuditLog.query} splits OR/IN filters into keyset branches and bounds time windows by their seq range;
 * paging through any query with small pages must return exactly the events a plain in-memory filter selects, in seq
 * order, without duplicates, even when an event matches a group by both id and name and when {@code at} is not in
 * seq order. Run on H2 and PostgreSQL, whose planners differ.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditQueryContract extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final String[] TYPES = {
        AuditEvents.SCIM_MEMBERSHIP_ADDED,
        AuditEvents.SEAT_ASSIGNED,
        AuditEvents.SEAT_RELEASED,
        AuditEvents.SCIM_USER_UPDATED,
        AuditEvents.IDC_CALL_FAILED
    };

    private List<AuditEvent> all;

    @BeforeParameterizedClassInvocation
    void appendHistory() {
        for (int i = 0; i < 300; i++) {
            int n = i;
            // at jitters by up to a minute against seq order, as concurrent transactions commit out of time order
            Instant at = T0.plusSeconds(10L * n + (n % 7 == 0 ? -60 : 0));
            String type = TYPES[n % TYPES.length];
            AuditSubject user = AuditSubject.user("u" + n % 11, "User" + n % 11 + "@Example.com");
            // group "g1"'s name is "G2" and vice versa, so ?group=g1 matches some events by id and others by name
            AuditSubject group = type.equals(AuditEvents.SCIM_MEMBERSHIP_ADDED)
                    ? AuditSubject.group("g" + n % 3, "G" + (3 - n % 3) % 3)
                    : null;
            db.write(tx -> {
                tx.audit()
                        .append(new ChangeContext("okta", null, at), new AuditEntry(type, user, group, Map.of("n", n)));
                return null;
            });
        }
        all = db.read(tx -> tx.audit().after(0, 1000));
    }

    static Stream<Arguments> queries() {
        Instant from = T0.plusSeconds(700);
        Instant to = T0.plusSeconds(1900);
        return Stream.of(
                Arguments.of("no filter", query(null, null, null, null, null, null)),
                Arguments.of("userName, other case", query("USER3@example.com", null, null, null, null, null)),
                Arguments.of("userId", query(null, "u4", null, null, null, null)),
                Arguments.of("group by id and by name at once", query(null, null, "g1", null, null, null)),
                Arguments.of("type prefix", query(null, null, null, "seat.", null, null)),
                Arguments.of("type prefix + userId", query(null, "u5", null, "seat.", null, null)),
                Arguments.of("group + type", query(null, null, "G2", "scim.membership.added", null, null)),
                Arguments.of("since/until", query(null, null, null, null, from, to)),
                Arguments.of("since only", query(null, null, null, null, to, null)),
                Arguments.of("until only", query(null, null, null, null, null, from)),
                Arguments.of("window + type prefix", query(null, null, null, "seat.", from, to)),
                Arguments.of("window + group", query(null, null, "g0", null, from, to)),
                Arguments.of(
                        "empty window", query(null, null, null, null, T0.minusSeconds(3600), T0.minusSeconds(600))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void pagesReturnExactlyTheMatchingEventsInSeqOrder(String name, AuditQuery q) {
        List<Long> expected =
                all.stream().filter(matches(q)).map(AuditEvent::seq).toList();
        List<Long> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            AuditQuery page =
                    new AuditQuery(q.userName(), q.userId(), q.group(), q.types(), q.since(), q.until(), 7, after);
            AuditPage result = db.read(tx -> tx.audit().query(page));
            result.events().forEach(e -> paged.add(e.seq()));
            if (result.next() == null) {
                break;
            }
            after = AuditQuery.parseCursor(result.next());
        }
        assertThat(paged).isEqualTo(expected);
        if (!name.equals("empty window")) {
            assertThat(expected).as("the case selects something").isNotEmpty();
        }
    }

    private static AuditQuery query(
            String userName, String userId, String group, String type, Instant since, Instant until) {
        return new AuditQuery(userName, userId, group, AuditEvents.typesMatching(type), since, until, 7, 0);
    }

    private static Predicate<AuditEvent> matches(AuditQuery q) {
        return e -> (q.userName() == null
                        || q.userName().equalsIgnoreCase(e.subject().name()))
                && (q.userId() == null || q.userId().equals(e.subject().id()))
                && (q.group() == null
                        || e.group() != null
                                && (q.group().equals(e.group().id())
                                        || q.group()
                                                .toLowerCase(Locale.ROOT)
                                                .equals(e.group().name().toLowerCase(Locale.ROOT))))
                && q.types().contains(e.type())
                && (q.since() == null || !e.at().isBefore(q.since()))
                && (q.until() == null || e.at().isBefore(q.until()));
    }
}
