package dev.kiroscim.server.cli;

import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.server.config.BridgeConfig;

/**
 * The policy a CLI command run against the database uses: the cluster's active policy as stored in the database
 * (what the servers enforce, after any reload or {@code policy apply}), or the config file's when the database has
 * none yet. So {@code report seats} prices seats with the tiers the servers use, not with a stale file.
 */
final class ActivePolicy {

    private ActivePolicy() {}

    static ManageSeats of(BridgeConfig config, Transactions db) {
        ManageSeats seats = new ManageSeats(db, config.policyInForce());
        seats.refreshFromCluster();
        return seats;
    }
}
