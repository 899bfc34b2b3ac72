package dev.kiroscim.core.directory;

import dev.kiroscim.core.sync.state.IdentityCenterLinkStore;
import dev.kiroscim.core.sync.state.SyncOutbox;

import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.auth.TokenStore;
import dev.kiroscim.core.seats.SeatStore;

/** One transaction's view of the stores. Obtained from {@link Transactions}; not valid after it ends. */
public interface Directory {

    UserStore users();

    GroupStore groups();

    TokenStore tokens();

    /** Seats, waiting lists and expiry marks; allocate only after {@link SeatStore#lockForAllocation}. */
    SeatStore seats();

    /** The audit log; events appended here commit or roll back with this transaction. */
    AuditLog audit();

    /** The Identity Center outbox; {@code enqueueUser} commits with this transaction. */
    SyncOutbox outbox();

    /** Our map from SCIM users to Identity Store users. */
    IdentityCenterLinkStore identityCenterLinks();
}
