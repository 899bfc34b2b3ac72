package dev.kiroscim.server.scim.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A POST/PUT body in stored form.
 *
 * @param document  the canonical resource document: no {@code id}, {@code meta}, {@code schemas}, User
 *                  {@code groups}, {@code password} or Group {@code members}
 * @param memberIds Group only: present iff the body had {@code members} (possibly empty), the distinct member ids
 *                  in the order sent; a PUT applies it as a set difference
 */
public record NormalizedResource(ObjectNode document, Optional<List<String>> memberIds) {

    public NormalizedResource {
        memberIds = memberIds.map(List::copyOf);
    }
}
