package dev.kiroscim.server.scim.render;

import dev.kiroscim.core.directory.MemberRef;
import java.util.List;

/** Pages of a group's members in user-id order, each read in its own short transaction. */
@FunctionalInterface
public interface MemberSource {
    List<MemberRef> page(String groupId, String afterUserId, int limit);
}
