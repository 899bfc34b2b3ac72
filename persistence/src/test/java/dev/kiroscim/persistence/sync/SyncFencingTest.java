package dev.kiroscim.persistence.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.CallFence;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.engine.SyncSettings;
import dev.kiroscim.core.sync.fake.InMemoryIdentityCenter;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.OutboxItem;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that stalls (SIGSTOP, GC pause) past its claim's lease while another worker takes the item over must not
 * apply its stale claim: it sends nothing more once it resumes (the adapter runs {@link CallFence} before each call)
 * and records nothing (every record checks the claim version). The new holder converges the user exactly once.
 */
class SyncFencingTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final SyncSettings SETTINGS = new SyncSettings(
            SyncSettings.defaults().offboarding(),
            SyncSettings.defaults().reconcileInterval(),
            SyncSettings.defaults().pollInterval(),
            20,
            LEASE,
            SyncSettings.defaults().retry());

    private final InMemoryIdentityCenter memory = new InMemoryIdentityCenter();
    /** Runs once, at the stall point, then clears itself. */
    private final AtomicReference<Runnable> stall = new AtomicReference<>();

    private SyncHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** The in-memory store behind the adapter's order: rate wait, fence, send; the stall goes before or after the send. */
    private IdentityCenterDirectory adapter(boolean stallAfterSend) {
        return (IdentityCenterDirectory) Proxy.newProxyInstance(
                IdentityCenterDirectory.class.getClassLoader(),
                new Class<?>[] {IdentityCenterDirectory.class},
                (proxy, method, args) -> {
                    boolean mutating = Set.of("createUser", "addMembership").contains(method.getName());
                    if (mutating && !stallAfterSend) {
                        runStall();
                    }
                    CallFence.beforeSend();
                    Object result;
                    try {
                        result = method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (mutating && stallAfterSend) {
                        runStall();
                    }
                    return result;
                });
    }

    private void runStall() {
        Runnable r = stall.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    /** While "frozen": the lease runs out and worker w2 claims the user's item. */
    private AtomicReference<OutboxItem> takeOverWhileStalled() {
        AtomicReference<OutboxItem> taken = new AtomicReference<>();
        stall.set(() -> {
            // the test clock moves from its own base, which lags real time by the set-up: move it well past the lease
            h.clock.advance(LEASE.plusMinutes(2));
            List<OutboxItem> items = h.db.write(tx -> tx.outbox().claim(10, h.clock.instant(), LEASE, "w2"));
            taken.set(items.get(0));
        });
        return taken;
    }

    @Test
    void stalledBeforeSending_theResumedWorkerSendsNothingAndRecordsNothing() {
        h = new SyncHarness(adapter(false), SETTINGS, Policy.builtInDefault());
        h.putUser("ann@example.com", "Ann", "Example", true);
        h.seat("ann@example.com", "PRO");
        AtomicReference<OutboxItem> taken = takeOverWhileStalled();

        h.sync.worker().runOnce();

        assertThat(memory.users()).as("CreateUser was never sent").isEmpty();
        assertStillW2s(taken.get());
        Optional<IdentityCenterLink> link =
                h.db.read(tx -> tx.identityCenterLinks().find(h.id("ann@example.com")));
        assertThat(link).get().extracting(IdentityCenterLink::origin).isEqualTo(IdentityCenterLink.Origin.CREATING);

        convergeAfterW2sLease();
        assertThat(memory.users()).singleElement().extracting(u -> u.userName()).isEqualTo("ann@example.com");
        assertThat(memory.memberships()).hasSize(1);
    }

    @Test
    void stalledAfterSending_theResultIsNotRecordedAndTheNewHolderConvergesWithoutDuplicates() {
        h = new SyncHarness(adapter(true), SETTINGS, Policy.builtInDefault());
        h.putUser("bob@example.com", "Bob", "Example", true);
        h.seat("bob@example.com", "PRO");
        AtomicReference<OutboxItem> taken = takeOverWhileStalled();

        h.sync.worker().runOnce();

        assertThat(memory.users()).as("the call went out before the stall").hasSize(1);
        assertThat(memory.memberships()).as("nothing sent after resuming").isEmpty();
        assertStillW2s(taken.get());
        Optional<IdentityCenterLink> link =
                h.db.read(tx -> tx.identityCenterLinks().find(h.id("bob@example.com")));
        assertThat(link)
                .get()
                .extracting(IdentityCenterLink::origin)
                .as("the stale result was not recorded")
                .isEqualTo(IdentityCenterLink.Origin.CREATING);

        convergeAfterW2sLease();
        assertThat(memory.users())
                .as("no user created twice")
                .singleElement()
                .extracting(u -> u.userName())
                .isEqualTo("bob@example.com");
        assertThat(memory.memberships()).hasSize(1);
        Optional<IdentityCenterLink> after =
                h.db.read(tx -> tx.identityCenterLinks().find(h.id("bob@example.com")));
        assertThat(after)
                .get()
                .extracting(IdentityCenterLink::origin)
                .as("still ours: created by us, answer lost")
                .isEqualTo(IdentityCenterLink.Origin.CREATED);
    }

    /** The stale worker left w2's claim as it was: w2 can still renew it. */
    private void assertStillW2s(OutboxItem w2) {
        assertThat(w2).isNotNull();
        Boolean renewed = h.db.write(tx -> tx.outbox()
                .renewClaim(w2.id(), "w2", w2.claimVersion(), h.clock.instant().plus(LEASE)));
        assertThat(renewed).isTrue();
        assertThat(h.sync.status().pending())
                .as("both items (user, seat) still pending")
                .isEqualTo(2);
    }

    /** w2 "dies": its lease runs out and the real worker converges the user. */
    private void convergeAfterW2sLease() {
        h.clock.advance(LEASE.plusMinutes(2));
        h.converge();
        assertThat(h.sync.status().deadLetter()).isZero();
    }
}
