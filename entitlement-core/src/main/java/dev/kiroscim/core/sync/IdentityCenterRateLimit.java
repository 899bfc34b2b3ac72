package dev.kiroscim.core.sync;

/**
 * Port: the budget of Identity Store calls. {@link #acquire()} returns when one more call may be sent, waiting as
 * long as needed. One process uses a local token bucket; a cluster shares one schedule through the database
 * ({@code dev.kiroscim.core.cluster.SharedRateBudget}), because IAM Identity Center's limit is per account.
 */
@FunctionalInterface
public interface IdentityCenterRateLimit {

    void acquire() throws InterruptedException;
}
