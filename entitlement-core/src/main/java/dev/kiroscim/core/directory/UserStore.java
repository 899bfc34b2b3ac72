package dev.kiroscim.core.directory;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port: durable storage of users. All calls run inside the caller's transaction ({@code transaction.Directory}). */
public interface UserStore {

    /** @throws UniquenessViolation when userName is taken, compared case-insensitively */
    void insert(UserRecord user, List<IndexedValue> index);

    Optional<UserRecord> find(String id);

    /** Reads the user and locks it for the rest of the transaction, so that concurrent writes queue up. */
    Optional<UserRecord> findForUpdate(String id);

    /** @throws UniquenessViolation when the new userName is taken */
    void update(UserRecord user, List<IndexedValue> index);

    /** Deletes the user and their memberships. @return false when there was no such user */
    boolean delete(String id);

    Page<UserRecord> search(Criteria criteria, SortKey sort, PageRequest page);

    /** The subset of {@code ids} that are users. Reads only those ids. */
    Set<String> existing(Collection<String> ids);

    /** The userName of each of {@code ids} that is a user, read in batches (e.g. to name many members at once). */
    Map<String, String> userNames(Collection<String> ids);

    /** Groups of each user, for the derived {@code groups} attribute. */
    Map<String, List<GroupRef>> groupsOf(Collection<String> userIds);

    /**
     * The user and, with {@code withGroups}, its groups as {@link #groupsOf} orders them; the {@code GET /Users/{id}}
     * read. A store may answer it in one statement (a user row joined with its groups): the default runs
     * {@link #find} and {@link #groupsOf}.
     *
     * @return the user and its groups (null when not asked for), or empty when there is no such user
     */
    default Optional<UserWithGroups> findWithGroups(String id, boolean withGroups) {
        return find(id).map(u ->
                new UserWithGroups(u, withGroups ? groupsOf(List.of(id)).getOrDefault(id, List.of()) : null));
    }
}
