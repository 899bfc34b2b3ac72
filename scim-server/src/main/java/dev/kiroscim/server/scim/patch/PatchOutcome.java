package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The result of applying a PATCH request.
 *
 * @param document      the new stored document (the input document is never mutated)
 * @param memberChanges Groups only: membership changes in operation order, for storage to apply
 */
public record PatchOutcome(ObjectNode document, List<MemberChange> memberChanges) {

    public PatchOutcome {
        memberChanges = List.copyOf(memberChanges);
    }
}
