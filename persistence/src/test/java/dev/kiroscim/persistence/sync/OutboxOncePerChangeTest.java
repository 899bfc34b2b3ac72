package dev.kiroscim.persistence.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.seats.service.SeatAllocationListener;
import dev.kiroscim.core.sync.engine.OutboxListener;
import dev.kiroscim.core.transaction.DirectoryChangeListeners;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's listeners (seats, then the outbox) write one outbox item per user and change: a membership change that
 * moves a seat is enqueued by the seat listener alone, not a second time by the outbox listener.
 */
class OutboxOncePerChangeTest {

    private static final Instant T = Instant.parse("2026-10-01T09:00:00Z");

    private Database db;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private DirectoryChangeListeners listeners;

    @BeforeEach
    void open() {
        db = Database.open(new DatabaseConfig(
                "jdbc:h2:mem:outbox-once-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "",
                2,
                Duration.ofSeconds(5)));
        listeners = new DirectoryChangeListeners(List.of(
                new SeatAllocationListener(Policy::builtInDefault), new OutboxListener(wakeUps::incrementAndGet)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void change(
            Instant at, java.util.function.Function<dev.kiroscim.core.transaction.Directory, DirectoryChange> write) {
        db.write(tx -> {
            listeners.onChanges(tx, new ChangeContext("okta", "r-" + at, at), List.of(write.apply(tx)));
            return null;
        });
    }

    private boolean hasSeat(String userId) {
        return db.read(tx -> tx.seats().seatOf(userId).isPresent());
    }

    private int pending(String userId) {
        return db.read(tx -> tx.outbox().pendingIdsOf(userId).size());
    }

    @Test
    void aMembershipChangeThatMovesASeatIsEnqueuedOnce() {
        UserRecord ann = new UserRecord("u-ann", "ann@example.com", null, "Ann", true, "{}", 1, T, T);
        GroupRecord developers = new GroupRecord("g-dev", "Kiro-Developers", null, "{}", 1, T, T);
        change(T, tx -> {
            tx.users().insert(ann, List.of());
            return new DirectoryChange.UserCreated(ann);
        });
        assertThat(pending(ann.id())).as("user created").isEqualTo(1);

        Instant joined = T.plusSeconds(60);
        change(joined, tx -> {
            tx.groups().insert(developers);
            tx.groups().addMembers(developers.id(), List.of(ann.id()), joined);
            return new DirectoryChange.MembersAdded(developers, List.of(ann.id()));
        });
        assertThat(hasSeat(ann.id())).as("the membership gave Ann a seat").isTrue();
        assertThat(pending(ann.id()))
                .as("user created + seat assigned, not + membership added")
                .isEqualTo(2);
        assertThat(wakeUps)
                .as("the worker is woken for the seat listener's item")
                .hasValue(2);

        Instant left = T.plusSeconds(120);
        change(left, tx -> {
            tx.groups().removeMembers(developers.id(), List.of(ann.id()));
            return new DirectoryChange.MembersRemoved(developers, List.of(ann.id()));
        });
        assertThat(hasSeat(ann.id())).isFalse();
        assertThat(pending(ann.id())).as("+ seat released, once").isEqualTo(3);
    }

    @Test
    void aMembershipChangeThatMovesNoSeatEnqueuesNothing() {
        UserRecord bob = new UserRecord("u-bob", "bob@example.com", null, "Bob", true, "{}", 1, T, T);
        GroupRecord other = new GroupRecord("g-other", "Not-A-Pool", null, "{}", 1, T, T);
        change(T, tx -> {
            tx.users().insert(bob, List.of());
            tx.groups().insert(other);
            tx.groups().addMembers(other.id(), List.of(bob.id()), T);
            return new DirectoryChange.MembersAdded(other, List.of(bob.id()));
        });
        assertThat(pending(bob.id())).isZero();
    }
}
