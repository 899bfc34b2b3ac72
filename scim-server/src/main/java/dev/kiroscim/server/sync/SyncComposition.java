package dev.kiroscim.server.sync;

import dev.kiroscim.core.directory.Transactions;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.IdentityStore;
import dev.kiroscim.core.sync.aws.AwsIdentityStore;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.SeatLookup;
import dev.kiroscim.server.config.IdentityCenterSection;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Builds the Identity Center sync from the config: live with an {@link AwsIdentityStore} (credentials from the SDK's
 * default chain) when {@code identityStoreId} is set, plan-only otherwise.
 *
 * <p>Seats: {@link #SEATS} is where the SQL seat ledger plugs in. Until the seats module is merged nobody holds a
 * seat, so only deactivations and deletions reach Identity Center. After the merge this one line becomes
 * {@code SeatLookup.of(tx -> tx.seats())}.
 */
public final class SyncComposition {

    /** The seat ledger of a transaction (see the class comment). */
    public static final SeatLookup SEATS = SeatLookup.NONE;

    private SyncComposition() {
    }

    public static IdentityCenterSync create(Transactions db, IdentityCenterSection section, Supplier<Policy> policy,
                                            SeatLookup seats, Clock clock) {
        IdentityStore store = section.store().map(AwsIdentityStore::create).orElse(null);
        return new IdentityCenterSync(db, store, policy, seats, section.settings(), clock);
    }
}
