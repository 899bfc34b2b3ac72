package dev.kiroscim.core.transaction;

import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.auth.TokenStore;
import dev.kiroscim.core.directory.GroupStore;
import dev.kiroscim.core.directory.UserStore;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.sync.state.IdentityCenterLinkStore;
import dev.kiroscim.core.sync.state.SyncOutbox;

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

    /** Webhook deliveries queued by the audit log (see {@link dev.kiroscim.core.notify.NotificationOutbox}). */
    dev.kiroscim.core.notify.NotificationOutbox notifications();

    /** Which derived events were already raised (see {@link dev.kiroscim.core.notify.service.DerivedEvents}). */
    dev.kiroscim.core.notify.NotificationMarks notificationMarks();
}
