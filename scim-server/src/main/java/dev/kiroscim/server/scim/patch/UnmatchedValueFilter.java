package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.schema.AttributeDef;
import java.util.Optional;

/**
 * What an {@code add}/{@code replace} does when its value filter ({@code emails[type eq "work"].value}) matches no
 * element of a multi-valued attribute.
 *
 * <p>RFC 7644 §3.5.2.3 answers 400 noTarget, which is {@link #RFC}. A client leniency that creates the element the
 * filter describes is plugged in from {@code scim.quirks} (it needs the document as it is at that operation, so a
 * request rewrite cannot express it); the engine itself never depends on the quirks package.
 */
@FunctionalInterface
public interface UnmatchedValueFilter {

    /** RFC 7644: no element is created, the operation fails with 400 noTarget. */
    UnmatchedValueFilter RFC = (filter, attribute) -> Optional.empty();

    /**
     * @param filter    the filter inside the brackets
     * @param attribute the multi-valued attribute the filter selects elements of
     * @return the sub-attribute values of a new element (as sent in the filter; the engine reads them with the
     *         schema), or empty for 400 noTarget
     */
    Optional<ObjectNode> newElement(Filter filter, AttributeDef attribute);
}
