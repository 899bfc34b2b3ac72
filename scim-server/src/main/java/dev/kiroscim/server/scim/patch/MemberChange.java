package dev.kiroscim.server.scim.patch;

import java.util.List;

/**
 * A change to a group's membership relation produced by a PATCH, applied by storage without reading the member
 * list (a group may have 100,000 members). Adding an existing member or removing a non-member is a no-op there.
 */
public sealed interface MemberChange {

    /** {@code add members [{value}…]}: distinct ids in the order sent. */
    record Add(List<String> ids) implements MemberChange {
        public Add {
            ids = List.copyOf(ids);
        }
    }

    /** {@code remove members[value eq "x"]} or Entra's {@code remove members [{value}…]}. */
    record Remove(List<String> ids) implements MemberChange {
        public Remove {
            ids = List.copyOf(ids);
        }
    }

    /** {@code remove members} without value or filter. */
    record RemoveAll() implements MemberChange {}

    /** {@code replace members [...]}: the group's members become exactly these ids. */
    record ReplaceAll(List<String> ids) implements MemberChange {
        public ReplaceAll {
            ids = List.copyOf(ids);
        }
    }
}
