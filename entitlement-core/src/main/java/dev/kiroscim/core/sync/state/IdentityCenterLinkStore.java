package dev.kiroscim.core.sync.state;

import java.util.List;
import java.util.Optional;

/** Port: the {@link IdentityCenterLink}s, reached as {@code Directory.identityCenterLinks()}; writes join the caller's transaction. */
public interface IdentityCenterLinkStore {

    Optional<IdentityCenterLink> find(String scimUserId);

    /**
     * {@link #find}, and holds the link until the caller's transaction ends: no other transaction saves or deletes it
     * in between, so a compare and set (the reconcile's) cannot overwrite a change committed after its compare.
     */
    Optional<IdentityCenterLink> findForUpdate(String scimUserId);

    /** Inserts or replaces the link, including its memberships; waits for a holder of {@link #findForUpdate}. */
    void save(IdentityCenterLink link);

    void delete(String scimUserId);

    /** All links, ordered by SCIM user id, for a reconcile (which compares everything anyway). */
    List<IdentityCenterLink> all();

    /** The last reconcile's outcome, shared by all replicas. */
    Optional<ReconcileReport> lastReconcile();

    void saveLastReconcile(ReconcileReport report);
}
