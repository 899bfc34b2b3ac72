package dev.kiroscim.core.sync.state;

import java.time.Instant;
import java.util.List;

/** Port: the Identity Center work still to do, oldest first, for people to look at (the console's Sync page). */
public interface PendingItems {

    /** @param userName null when the SCIM user is gone (their offboarding may still be pending) */
    record PendingItem(
            long id,
            String userId,
            String userName,
            String reason,
            Instant enqueuedAt,
            int attempts,
            Instant nextAttemptAt,
            String lastError) {}

    List<PendingItem> oldest(int limit);
}
