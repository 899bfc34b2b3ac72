package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering behind the server's back with plain JDBC — editing, deleting and reordering audit rows — is caught
 * by {@code audit verify}, which exits non-zero naming the first bad seq. Each case gets its own server.
 */
abstract class AuditTamperContract {

    protected abstract Backend backend();

    /** What the attacker runs, and the seq verify must report. The chain has seq 1..6 before tampering. */
    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of(
                        "edit the details of event 3",
                        3L,
                        List.of(
                                "update audit_event set details = '{\"displayName\":\"Someone Else\",\"externalId\":null}' where seq = 3")),
                Arguments.of(
                        "edit the actor of event 2",
                        2L,
                        List.of("update audit_event set actor = 'innocent' where seq = 2")),
                Arguments.of("delete event 4", 4L, List.of("delete from audit_event where seq = 4")),
                Arguments.of("delete the newest event", 6L, List.of("delete from audit_event where seq = 6")),
                Arguments.of(
                        "reorder events 2 and 3",
                        2L,
                        List.of(
                                "update audit_event set seq = -3 where seq = 3",
                                "update audit_event set seq = 3 where seq = 2",
                                "update audit_event set seq = 2 where seq = -3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    void tamperingIsCaught(String what, long firstBadSeq, List<String> statements) throws SQLException {
        try (KiroServer server = KiroServer.start(backend())) {
            ScimClient scim = ScimClient.bearer(server);
            String alice = scim.createUser(Bodies.uniqueUserName("Tamper.Alice")); // 1
            String bob = scim.createUser(Bodies.uniqueUserName("Tamper.Bob")); // 2
            scim.createGroup("Tamper-" + Bodies.unique(), alice, bob); // 3 group, 4-5 members
            scim.patch("/Users/" + bob, Bodies.patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                    .expectStatus(200); // 6

            if (backend() == Backend.H2) {
                server.stop(); // H2 holds its file while running
            }
            assertThat(verify(server).exitCode()).as("intact chain").isZero();
            assertThat(verify(server).stdout()).contains("6 events verified");

            try (Connection c = server.connectToDatabase();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                for (String sql : statements) {
                    s.executeUpdate(sql);
                }
            }
            KiroCli.Result result = verify(server);
            assertThat(result.exitCode())
                    .as(result.describe() + result.stdout())
                    .isNotZero();
            assertThat(result.stdout()).contains("BROKEN at seq " + firstBadSeq);
        }
    }

    private static KiroCli.Result verify(KiroServer server) {
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(server.databaseArgs());
        return KiroCli.run(args.toArray(String[]::new));
    }
}
