package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Identity Store group ids of the tier groups, looked up once by displayName (GetGroupId) and cached. A tier group
 * missing from the Identity Store is created (CreateGroup; a Conflict means someone just created it, so it is looked
 * up) and remembered in {@link #created()}, because an admin must subscribe it to its tier once in the Kiro console.
 * Groups are never deleted or recreated: their ids are what the Kiro subscription is attached to.
 */
public final class TierGroups {

    private final ConcurrentMap<String, String> ids = new ConcurrentHashMap<>();
    private final Set<String> created = new CopyOnWriteArraySet<>();

    /** The group's id, creating the group when it does not exist. */
    public String ensure(String displayName, IdentityCenterDirectory store) {
        String cached = ids.get(displayName);
        if (cached != null) {
            return cached;
        }
        Optional<String> found = store.findGroupIdByDisplayName(displayName);
        String id;
        if (found.isPresent()) {
            id = found.get();
        } else {
            try {
                id = store.createGroup(displayName);
                created.add(displayName);
            } catch (IdentityCenterConflict raced) {
                id = store.findGroupIdByDisplayName(displayName).orElseThrow(() -> raced);
            }
        }
        ids.put(displayName, id);
        return id;
    }

    /** Whether {@link #find} would answer from what is known, without a call. */
    public boolean isKnown(String displayName) {
        return ids.containsKey(displayName);
    }

    /** The group's id if it exists (one GetGroupId call on a cache miss); never creates. */
    public Optional<String> find(String displayName, IdentityCenterDirectory store) {
        String cached = ids.get(displayName);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = store.findGroupIdByDisplayName(displayName);
        found.ifPresent(id -> ids.put(displayName, id));
        return found;
    }

    /** Records a known id (from a listing) without a call. */
    public void remember(String displayName, String groupId) {
        ids.put(displayName, groupId);
    }

    /** Drops a cached id that turned out stale (the group was deleted behind our back). */
    public void forget(String displayName) {
        ids.remove(displayName);
    }

    /** Tier groups this process created; each needs its one-time Kiro console subscription. */
    public Set<String> created() {
        return Set.copyOf(created);
    }
}
