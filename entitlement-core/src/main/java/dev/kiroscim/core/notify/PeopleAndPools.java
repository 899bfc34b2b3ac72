package dev.kiroscim.core.notify;

import dev.kiroscim.core.seats.SeatOverview;
import java.util.Optional;

/**
 * Port: what a Slack message needs beyond the audit event, read when the message is written: a person's display
 * name (the audit event holds their userName) and a pool's current holders and cap.
 */
public interface PeopleAndPools {

    /** The SCIM displayName (or given and family name) of the user; empty when unknown or deleted. */
    Optional<String> displayName(String userId);

    /** The pool's use right now; empty when the policy has no such pool. */
    Optional<SeatOverview.PoolUse> pool(String group);

    PeopleAndPools NONE = new PeopleAndPools() {
        @Override
        public Optional<String> displayName(String userId) {
            return Optional.empty();
        }

        @Override
        public Optional<SeatOverview.PoolUse> pool(String group) {
            return Optional.empty();
        }
    };
}
