package dev.kiroscim.it;

/**
 * What the lifecycle tests read from, and change behind the server's back in, the downstream the bridge writes to:
 * the Identity Store API emulator ({@link IdentityStoreView}) or the SCIM dialect emulator ({@link ScimEmulatorView}).
 */
interface DownstreamView extends AutoCloseable {

    /** Every user, group and membership now. */
    IdentityStoreView.Snapshot snapshot();

    /** Whether downstream user {@code userId} is in the group named {@code group} right now (for fast polling). */
    boolean isMember(String group, String userId);

    /** Adds a membership as someone in the console would: drift a reconcile must repair. @return its id, if any */
    String addMembership(String groupId, String userId);

    @Override
    void close();
}
