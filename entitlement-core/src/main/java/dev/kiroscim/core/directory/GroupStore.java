package dev.kiroscim.core.directory;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: durable storage of groups and their memberships. Membership changes touch only the rows of the
 * members named, never the rest of the group.
 */
public interface GroupStore {

    /** @throws UniquenessViolation when displayName is taken, compared case-insensitively */
    void insert(GroupRecord group);

    Optional<GroupRecord> find(String id);

    Optional<GroupRecord> findForUpdate(String id);

    void update(GroupRecord group);

    boolean delete(String id);

    Page<GroupRecord> search(Criteria criteria, SortKey sort, PageRequest page);

    /** Adds members; ids already present are skipped. @return the ids actually added */
    List<String> addMembers(String groupId, Collection<String> userIds, Instant at);

    /** Removes members; ids not present are skipped. @return the ids actually removed */
    List<String> removeMembers(String groupId, Collection<String> userIds);

    /** Removes every member. @return the ids removed */
    List<String> removeAllMembers(String groupId);

    /** Makes the member set equal to {@code userIds} by adding and removing the difference. */
    MembershipDiff replaceMembers(String groupId, Collection<String> userIds, Instant at);

    /** Members ordered by user id, after {@code afterUserId} (null = from the start), at most {@code limit}. */
    List<MemberRef> members(String groupId, String afterUserId, int limit);
}
