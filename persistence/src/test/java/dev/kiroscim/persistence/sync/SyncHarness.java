package dev.kiroscim.persistence.sync;

import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.InMemorySeatLedger;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.SeatLookup;
import dev.kiroscim.core.sync.engine.SyncSettings;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A database on H2, a seat ledger the test sets directly (so a test gives a user a seat in one line, without groups,
 * pools and the allocator that produce seats in the server), and the sync against any {@link IdentityCenterDirectory}.
 * Users are written and enqueued in one transaction, the way the SCIM listener and the seat listener do it.
 */
final class SyncHarness implements AutoCloseable {

    /** A clock the test moves forward, so retries fall due without waiting. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            Instant real = Instant.now();
            return now.isAfter(real) ? now : real;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestDatabase database;
    final Database db;
    final InMemorySeatLedger ledger = new InMemorySeatLedger();
    final Policy policy;
    final TestClock clock = new TestClock();
    final IdentityCenterSync sync;
    final IdentityCenterDirectory store;
    private final Map<String, String> userIds = new HashMap<>();
    volatile Policy currentPolicy;

    /** On an in-memory H2 database. */
    SyncHarness(IdentityCenterDirectory store, SyncSettings settings, Policy policy) {
        this(TestDatabase.Kind.H2, store, settings, policy);
    }

    /** On a new database of that kind (PostgreSQL: skipped when absent, failing under {@code CI=true}). */
    SyncHarness(TestDatabase.Kind kind, IdentityCenterDirectory store, SyncSettings settings, Policy policy) {
        this(kind, store, settings, policy, UnaryOperator.identity());
    }

    /** With the sync's transactions seen through {@code around} (to interleave another writer at a chosen step). */
    SyncHarness(
            TestDatabase.Kind kind,
            IdentityCenterDirectory store,
            SyncSettings settings,
            Policy policy,
            UnaryOperator<Transactions> around) {
        this.database = TestDatabase.create(kind, "sync");
        this.db = Database.open(database.config());
        this.policy = policy;
        this.currentPolicy = policy;
        this.store = store;
        this.sync = new IdentityCenterSync(
                around.apply(db), store, () -> currentPolicy, SeatLookup.of(tx -> ledger), settings, clock);
    }

    String id(String userName) {
        return userIds.computeIfAbsent(userName, k -> UUID.randomUUID().toString());
    }

    /** Creates or replaces the SCIM user and enqueues it. */
    void putUser(String userName, String given, String family, boolean active) {
        String id = id(userName);
        String doc = "{\"userName\":\"" + userName + "\",\"name\":{\"givenName\":" + quote(given) + ",\"familyName\":"
                + quote(family) + "},\"emails\":[{\"value\":\"" + userName + "\",\"primary\":true}],\"active\":"
                + active + "}";
        Instant now = Instant.now();
        db.write(tx -> {
            Optional<UserRecord> existing = tx.users().find(id);
            UserRecord r = new UserRecord(
                    id,
                    userName,
                    null,
                    null,
                    active,
                    doc,
                    existing.map(u -> u.version() + 1).orElse(1L),
                    existing.map(UserRecord::created).orElse(now),
                    now);
            if (existing.isPresent()) {
                tx.users().update(r, List.of());
            } else {
                tx.users().insert(r, List.of());
            }
            tx.outbox().enqueueUser(id, "test.user", clock.instant());
            return null;
        });
        ledger.putUser(id, active);
    }

    /** Creates or replaces the SCIM user with an IdP-shaped document, and enqueues it. */
    void putUserDocument(String userName, String displayName, String document, boolean active) {
        String id = id(userName);
        Instant now = Instant.now();
        db.write(tx -> {
            Optional<UserRecord> existing = tx.users().find(id);
            UserRecord r = new UserRecord(
                    id,
                    userName,
                    null,
                    displayName,
                    active,
                    document,
                    existing.map(u -> u.version() + 1).orElse(1L),
                    existing.map(UserRecord::created).orElse(now),
                    now);
            if (existing.isPresent()) {
                tx.users().update(r, List.of());
            } else {
                tx.users().insert(r, List.of());
            }
            tx.outbox().enqueueUser(id, "test.user", clock.instant());
            return null;
        });
        ledger.putUser(id, active);
    }

    void deleteUser(String userName) {
        String id = id(userName);
        db.write(tx -> {
            tx.users().delete(id);
            tx.outbox().enqueueUser(id, "test.deleted", clock.instant());
            return null;
        });
        ledger.deleteUser(id);
        ledger.release(id);
    }

    /** Gives the user a seat of {@code tier} (or none) and enqueues them: the seat listener's one line. */
    void seat(String userName, String tier) {
        String id = id(userName);
        if (tier == null) {
            ledger.release(id);
        } else {
            ledger.assign(new Seat(id, "pool-" + tier, tier, Instant.now(), Optional.empty()));
        }
        db.write(tx -> {
            tx.outbox().enqueueUser(id, "seat.test", clock.instant());
            return null;
        });
    }

    /** Runs the worker, moving the clock past every backoff, until the outbox has nothing pending. */
    void converge() {
        for (int round = 0; round < 500; round++) {
            sync.worker().runOnce();
            if (sync.status().pending() == 0) {
                return;
            }
            clock.advance(Duration.ofMinutes(10));
        }
        throw new AssertionError("did not converge: " + sync.status());
    }

    /** userName → tier group names, read from the store by listing (ListUsers + ListGroupMemberships). */
    Map<String, TreeSet<String>> actualMemberships() {
        Map<String, String> names = store.userPages()
                .flatMap(List::stream)
                .collect(Collectors.toMap(IdentityCenterUser::id, IdentityCenterUser::userName));
        Map<String, TreeSet<String>> out = new TreeMap<>();
        names.values().forEach(n -> out.put(n, new TreeSet<>()));
        for (Tier t : currentPolicy.tiers()) {
            Optional<String> gid = store.findGroupIdByDisplayName(t.identityCenterGroup());
            if (gid.isEmpty()) {
                continue;
            }
            for (IdentityCenterMembership m :
                    store.groupMembershipPages(gid.get()).flatMap(List::stream).toList()) {
                out.get(names.get(m.userId())).add(t.identityCenterGroup());
            }
        }
        return out;
    }

    List<IdentityCenterUser> actualUsers() {
        return store.userPages().flatMap(List::stream).toList();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Override
    public void close() {
        sync.close();
        db.close();
        database.close();
    }
}
