package dev.kiroscim.server.sync;

import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiDirectory;
import dev.kiroscim.adapter.aws.identitystore.TokenBucket;
import dev.kiroscim.adapter.scim.ScimDirectory;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.SeatLookup;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.server.config.IdentityCenterSection;
import java.time.Clock;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Builds the Identity Center sync from the config: live with an {@link IdentityStoreApiDirectory} (credentials from
 * the SDK's default chain) when {@code identityStoreId} is set, live with a {@link ScimDirectory} (a bearer token from
 * {@code scimTokenFile}) in {@code mode: scim}, plan-only otherwise.
 *
 * <p>Desired state comes from the SQL seat ledger of each transaction ({@link #SEATS}); seat changes queue work for
 * their users through the outbox (see {@code SeatAuditing}).
 */
public final class SyncComposition {

    /** The seat ledger of a transaction. */
    public static final SeatLookup SEATS = SeatLookup.of(tx -> tx.seats());

    private SyncComposition() {}

    /** With this process's own token bucket at {@code maxRequestsPerSecond}. */
    public static IdentityCenterSync create(
            Transactions db, IdentityCenterSection section, Supplier<Policy> policy, SeatLookup seats, Clock clock) {
        return create(db, section, policy, seats, clock, TokenBucket::new);
    }

    /**
     * With the calls drawn from {@code budget} (the cluster's shared rate budget, given {@code maxRequestsPerSecond})
     * instead of a per-process token bucket; both downstream modes use it.
     */
    public static IdentityCenterSync create(
            Transactions db,
            IdentityCenterSection section,
            Supplier<Policy> policy,
            SeatLookup seats,
            Clock clock,
            DoubleFunction<IdentityCenterRateLimit> budget) {
        IdentityCenterDirectory directory = section.store()
                .<IdentityCenterDirectory>map(
                        c -> IdentityStoreApiDirectory.create(c, budget.apply(c.maxRequestsPerSecond())))
                .or(() -> section.scim().map(c -> new ScimDirectory(c, budget.apply(c.maxRequestsPerSecond()), clock)))
                .orElse(null);
        return new IdentityCenterSync(db, directory, policy, seats, section.settings(), clock);
    }
}
