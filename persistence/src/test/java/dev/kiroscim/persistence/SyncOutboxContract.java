package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiroscim.core.sync.state.DeadLetter;
import dev.kiroscim.core.sync.state.OutboxItem;
import dev.kiroscim.core.sync.state.OutboxStats;
import dev.kiroscim.core.sync.state.SyncOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JdbcSyncOutbox} keeps the {@link SyncOutbox} port's promises on H2 and PostgreSQL: an enqueue commits or
 * rolls back with its transaction, only a user's head item is claimed, a claim is a lease fenced by its claim
 * version, and retries, dead letters and requeues move items as the port says.
 *
 * <p>Items are enqueued at {@link #ENQUEUED} and claimed at {@link #NOW}, a second later (an item is due at its
 * enqueue time). Each test starts from an empty outbox (dead letters requeued, then everything pending discarded).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class SyncOutboxContract extends OnBothDatabases {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final Instant ENQUEUED = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant NOW = ENQUEUED.plusSeconds(1);

    @BeforeEach
    void emptyOutbox() {
        outbox(o -> o.requeueDeadLetters(NOW));
        outbox(SyncOutbox::discardPending);
    }

    private <T> T outbox(Function<SyncOutbox, T> work) {
        return db.write(tx -> work.apply(tx.outbox()));
    }

    private List<OutboxItem> claim(int max, Instant at, String workerId) {
        return outbox(o -> o.claim(max, at, LEASE, workerId));
    }

    private boolean renew(OutboxItem claimed, String workerId, Instant leaseUntil) {
        return outbox(o -> o.renewClaim(claimed.id(), workerId, claimed.claimVersion(), leaseUntil));
    }

    private OutboxStats stats() {
        return outbox(SyncOutbox::stats);
    }

    private List<DeadLetter> deadLetters() {
        return outbox(o -> o.deadLetters(10));
    }

    private void enqueue(String userId, String reason) {
        outbox(o -> {
            o.enqueueUser(userId, reason, ENQUEUED);
            return null;
        });
    }

    @Test
    void anEnqueueRolledBackWithItsTransactionLeavesNothing() {
        assertThatThrownBy(() -> db.write(tx -> {
                    tx.outbox().enqueueUser("u-rolled-back", "scim.user.created", ENQUEUED);
                    throw new IllegalStateException("the SCIM change failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(stats().pending()).isZero();
    }

    @Test
    void onlyEachUsersOldestItemIsClaimedOldestFirst() {
        enqueue("ann", "scim.user.created");
        enqueue("bob", "seat.assigned");
        enqueue("ann", "scim.user.updated");

        List<OutboxItem> claimed = claim(10, NOW, "w1");

        assertThat(claimed)
                .extracting(OutboxItem::userId, OutboxItem::reason)
                .containsExactly(tuple("ann", "scim.user.created"), tuple("bob", "seat.assigned"));
        List<Long> pendingOfAnn = outbox(o -> o.pendingIdsOf("ann"));
        assertThat(pendingOfAnn).hasSize(2).isSorted().startsWith(claimed.get(0).id());
    }

    @Test
    void aClaimIsALeaseFencedByItsClaimVersion() {
        enqueue("ann", "scim.user.created");
        OutboxItem first = claim(1, NOW, "w1").get(0);

        assertThat(claim(1, NOW.plusSeconds(60), "w2")).as("leased to w1").isEmpty();
        Instant expired = NOW.plus(LEASE).plusMillis(1);
        OutboxItem second = claim(1, expired, "w2").get(0);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.claimVersion()).isGreaterThan(first.claimVersion());
        assertThat(renew(first, "w1", expired.plus(LEASE)))
                .as("the stalled worker's renewal")
                .isFalse();
        assertThat(renew(second, "w2", expired.plus(LEASE)))
                .as("the current claimant's renewal")
                .isTrue();
    }

    @Test
    void completedItemsAreGone() {
        enqueue("ann", "scim.user.created");
        enqueue("ann", "scim.user.updated");
        claim(1, NOW, "w1");

        outbox(o -> {
            o.complete(o.pendingIdsOf("ann"));
            return null;
        });

        assertThat(stats()).isEqualTo(new OutboxStats(0, 0, Optional.empty()));
        assertThat(claim(10, NOW.plus(LEASE).plusSeconds(1), "w1")).isEmpty();
    }

    @Test
    void aRetryIsDueAtItsNextAttemptWithItsAttemptsCounted() {
        enqueue("ann", "scim.user.created");
        OutboxItem item = claim(1, NOW, "w1").get(0);
        Instant next = NOW.plusSeconds(30);

        outbox(o -> {
            o.retryLater(item.id(), 1, next, "ThrottlingException");
            return null;
        });

        assertThat(claim(1, next.minusMillis(1), "w1")).as("before it is due").isEmpty();
        assertThat(claim(1, next, "w2")).singleElement().satisfies(again -> {
            assertThat(again.id()).isEqualTo(item.id());
            assertThat(again.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aDeadLetterParksAllOfOneUsersItemsUntilRequeued() {
        enqueue("ann", "scim.user.created");
        enqueue("ann", "scim.user.updated");
        enqueue("bob", "seat.assigned");
        Instant failedAt = NOW.plusSeconds(5);

        outbox(o -> {
            o.deadLetter("ann", 8, "ValidationException: bad email", failedAt);
            return null;
        });

        OutboxStats stats = stats();
        assertThat(stats.pending()).as("bob's item").isEqualTo(1);
        assertThat(stats.deadLetter()).isEqualTo(2);
        assertThat(deadLetters())
                .extracting(DeadLetter::userId, DeadLetter::lastError)
                .containsOnly(tuple("ann", "ValidationException: bad email"));
        assertThat(claim(10, NOW, "w1")).extracting(OutboxItem::userId).containsExactly("bob");

        int requeued = outbox(o -> o.requeueDeadLetters(NOW));
        assertThat(requeued).isEqualTo(2);
        assertThat(claim(10, NOW, "w2")).extracting(OutboxItem::userId).containsExactly("ann");
    }

    @Test
    void statsShowTheOldestPendingItemAndDiscardEmptiesTheOutbox() {
        enqueue("ann", "scim.user.created");
        enqueue("bob", "seat.assigned");

        OutboxStats stats = stats();
        assertThat(stats.pending()).isEqualTo(2);
        assertThat(stats.oldestPending()).contains(ENQUEUED);

        int discarded = outbox(SyncOutbox::discardPending);
        assertThat(discarded).isEqualTo(2);
        assertThat(stats().pending()).isZero();
    }
}
