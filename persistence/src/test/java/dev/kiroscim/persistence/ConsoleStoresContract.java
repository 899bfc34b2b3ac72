package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.console.ConsoleRole;
import dev.kiroscim.core.console.ConsoleSession;
import dev.kiroscim.core.console.ConsoleSessionStore;
import dev.kiroscim.core.directory.IndexedValue;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.people.PeopleSearch;
import dev.kiroscim.core.people.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The console's stores (people search, sessions, logins in flight) on a real database: H2 and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ConsoleStoresContract extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    private PeopleSearch search;
    private ConsoleSessionStore sessions;

    @BeforeParameterizedClassInvocation
    void open() {
        search = new JdbcPeopleSearch(db.dataSource());
        sessions = new JdbcConsoleSessionStore(db.dataSource());
        person(
                "c-1",
                "ann.example@corp.example",
                "Ann Example",
                "Ann",
                "Example",
                "ann@corp.example",
                "ann@home.example");
        person("c-2", "bob@corp.example", "Robert Tables", "Robert", "Tables", "bobby@else.example");
        person("c-3", "zed_100%@corp.example", "Zed Percent", "Zed", "Percent", "zed@corp.example");
        person("c-4", "zed_1x@corp.example", "Zed Other", "Zed", "Other");
    }

    private void person(String id, String userName, String displayName, String given, String family, String... emails) {
        List<IndexedValue> index = new ArrayList<>();
        index.add(new IndexedValue("name.givenname", 0, given));
        index.add(new IndexedValue("name.familyname", 0, family));
        for (int i = 0; i < emails.length; i++) {
            index.add(new IndexedValue("emails.value", i, emails[i]));
        }
        db.write(tx -> {
            tx.users().insert(new UserRecord(id, userName, null, displayName, true, "{}", 1, T0, T0), index);
            return null;
        });
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("ANN.EX", List.of("ann.example@corp.example")), // userName, any case
                Arguments.of("robert t", List.of("bob@corp.example")), // display name
                Arguments.of("tables", List.of("bob@corp.example")), // family name
                Arguments.of("BOBBY@", List.of("bob@corp.example")), // an email that is not the userName
                Arguments.of("ann@home", List.of("ann.example@corp.example")), // a second email
                Arguments.of("zed", List.of("zed_100%@corp.example", "zed_1x@corp.example")),
                Arguments.of("zed_100%", List.of("zed_100%@corp.example")), // LIKE wildcards are literal
                Arguments.of("zed_1", List.of("zed_100%@corp.example", "zed_1x@corp.example")),
                Arguments.of("xample", List.of()), // prefixes only
                Arguments.of("nobody", List.of()));
    }

    @ParameterizedTest
    @MethodSource("searches")
    void searchFindsByThePrefixOfUserNameDisplayNameNamesOrEmail(String q, List<String> expected) {
        assertThat(search.search(q, null, 50).people())
                .extracting(Person::userName)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PeopleSearch.Page page = search.search("", cursor, 1);
            page.people().forEach(p -> seen.add(p.userName()));
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen)
                .containsExactly(
                        "ann.example@corp.example", "bob@corp.example", "zed_100%@corp.example", "zed_1x@corp.example");
        assertThat(search.search("ann", null, 5).people().get(0).email()).isEqualTo("ann@corp.example");
    }

    @Test
    void sessionsAreFoundByHashTouchedAndRemovedWhenIdle() {
        ConsoleSession s =
                new ConsoleSession("ann", ConsoleRole.READ_ONLY, ConsoleSession.VIA_OIDC, "c".repeat(64), T0, T0);
        sessions.create("a".repeat(64), s);
        assertThat(sessions.find("a".repeat(64))).contains(s);
        assertThat(sessions.find("b".repeat(64))).isEmpty();
        sessions.touch("a".repeat(64), T0.plusSeconds(600));
        assertThat(sessions.find("a".repeat(64)).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(600));
        assertThat(sessions.deleteIdleBefore(T0.plusSeconds(599))).isZero();
        assertThat(sessions.deleteIdleBefore(T0.plusSeconds(601))).isEqualTo(1);
        assertThat(sessions.find("a".repeat(64))).isEmpty();
    }

    @Test
    void aPendingLoginCanBeTakenOnce() {
        var login = new ConsoleSessionStore.PendingLogin("verifier", "nonce", T0);
        sessions.savePendingLogin("d".repeat(64), login);
        assertThat(sessions.takePendingLogin("d".repeat(64))).contains(login);
        assertThat(sessions.takePendingLogin("d".repeat(64))).isEmpty();
        sessions.savePendingLogin("e".repeat(64), login);
        assertThat(sessions.deletePendingLoginsBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(sessions.takePendingLogin("e".repeat(64))).isEmpty();
    }
}
