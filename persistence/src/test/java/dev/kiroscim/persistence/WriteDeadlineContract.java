package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kiroscim.core.transaction.StaleWrite;
import dev.kiroscim.core.transaction.WriteDeadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A write whose request outlived its {@link WriteDeadline} rolls back on H2 and PostgreSQL, checked right before the
 * commit, after all of its statements ran (the chaos test's SIGSTOP scenario: a replica frozen mid-request resumes
 * after its client retried elsewhere and sent newer writes). Reads and unbound threads are not checked.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class WriteDeadlineContract extends OnBothDatabases {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    @AfterEach
    void emptyOutboxAndNoDeadline() {
        WriteDeadline.clear();
        db.write(tx -> tx.outbox().discardPending());
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                Arguments.of("no deadline bound (a background job, the CLI)", null, true),
                Arguments.of("deadline ahead", Duration.ofSeconds(1), true),
                Arguments.of("deadline now", Duration.ZERO, true),
                Arguments.of("deadline passed while the request was frozen", Duration.ofMillis(-1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadlines")
    void aWriteCommitsOnlyBeforeItsDeadline(String name, Duration deadlineFromNow, boolean commits) {
        if (deadlineFromNow != null) {
            WriteDeadline.bind(NOW.plus(deadlineFromNow), CLOCK);
        }

        var write = assertThatCode(() -> db.write(tx -> {
            tx.outbox().enqueueUser("ann", "scim.group.patched", NOW);
            return null;
        }));

        if (commits) {
            write.doesNotThrowAnyException();
        } else {
            write.isInstanceOf(StaleWrite.class).hasMessageContaining("nothing was changed");
        }
        WriteDeadline.clear();
        assertThat(db.read(tx -> tx.outbox().stats()).pending()).isEqualTo(commits ? 1 : 0);
    }

    @Test
    void aReadAfterTheDeadlineIsAnswered() {
        WriteDeadline.bind(NOW.minusSeconds(1), CLOCK);

        assertThat(db.read(tx -> tx.outbox().stats()).pending()).isZero();
    }
}
