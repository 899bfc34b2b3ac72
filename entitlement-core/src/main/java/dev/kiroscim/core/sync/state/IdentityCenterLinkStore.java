package dev.kiroscim.core.sync.state;

import java.util.List;
import java.util.Optional;

/** Port: the {@link IdentityCenterLink}s, reached as {@code Directory.identityCenterLinks()}; writes join the caller's transaction. */
public interface IdentityCenterLinkStore {

    Optional<IdentityCenterLink> find(String scimUserId);

    /** Inserts or replaces the link, including its memberships. */
    void save(IdentityCenterLink link);

    void delete(String scimUserId);

    /** All links, ordered by SCIM user id, for a reconcile (which compares everything anyway). */
    List<IdentityCenterLink> all();

    /** The last reconcile's outcome, shared by all replicas. */
    Optional<ReconcileReport> lastReconcile();

    void saveLastReconcile(ReconcileReport report);
}
