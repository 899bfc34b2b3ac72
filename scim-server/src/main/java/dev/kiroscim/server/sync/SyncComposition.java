package dev.kiroscim.server.sync;

import dev.kiroscim.core.directory.Transactions;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiConfig;
import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiDirectory;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.SeatLookup;
import dev.kiroscim.server.config.IdentityCenterSection;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the Identity Center sync from the config: live with an {@link IdentityStoreApiDirectory} (credentials from the SDK's
 * default chain) when {@code identityStoreId} is set, plan-only otherwise.
 *
 * <p>Desired state comes from the SQL seat ledger of each transaction ({@link #SEATS}); seat changes queue work for
 * their users through the outbox (see {@code SeatAuditing}).
 */
public final class SyncComposition {

    /** The seat ledger of a transaction. */
    public static final SeatLookup SEATS = SeatLookup.of(tx -> tx.seats());

    private SyncComposition() {
    }

    public static IdentityCenterSync create(Transactions db, IdentityCenterSection section, Supplier<Policy> policy,
                                            SeatLookup seats, Clock clock) {
        IdentityCenterDirectory store = section.store().map(IdentityStoreApiDirectory::create).orElse(null);
        return new IdentityCenterSync(db, store, policy, seats, section.settings(), clock);
    }

    /**
     * Like {@link #create(Transactions, IdentityCenterSection, Supplier, SeatLookup, Clock)}, with the Identity Store
     * calls drawn from {@code budget} (the cluster's shared rate budget) instead of a per-process token bucket.
     */
    public static IdentityCenterSync create(Transactions db, IdentityCenterSection section, Supplier<Policy> policy,
                                            SeatLookup seats, Clock clock,
                                            Function<IdentityStoreApiConfig, IdentityCenterRateLimit> budget) {
        IdentityCenterDirectory store = section.store().map(c -> IdentityStoreApiDirectory.create(c, budget.apply(c))).orElse(null);
        return new IdentityCenterSync(db, store, policy, seats, section.settings(), clock);
    }
}
