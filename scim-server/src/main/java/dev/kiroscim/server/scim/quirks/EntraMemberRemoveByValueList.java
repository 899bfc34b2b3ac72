package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kiroscim.server.scim.document.MemberIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.filter.FilterPrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * Entra's legacy member removal: {@code remove} with {@code path: "members"} and a {@code value} list removes only
 * the listed members.
 *
 * <p>RFC 7644 §3.5.2.2 has no {@code value} on remove, so an RFC-literal server removes <em>all</em> members, which
 * wiped whole groups (SCIMple #436, SCIM-SDK #167). Entra without {@code aadOptscim062020} sends the list; we
 * rewrite it into RFC value-path removals (the engine merges them into one storage call):
 * <pre>
 * sent:       {"op":"Remove","path":"members","value":[{"$ref":null,"value":"f648"},{"value":"0a1b"}]}
 * normalised: {"op":"remove","path":"members[value eq \"f648\" or value eq \"0a1b\"]"}
 * </pre>
 * A filter holds at most {@link FilterParser#MAX_COMPARISONS} comparisons and {@link FilterParser#MAX_FILTER_LENGTH}
 * characters, and Entra may list more members: a longer list becomes several such removals. Without a value,
 * {@code remove members} still removes every member (RFC).
 *
 * <p>Source: docs/idp-quirks.md §I7; https://github.com/apache/directory-scimple/issues/436.
 */
public final class EntraMemberRemoveByValueList implements IdpQuirk {

    EntraMemberRemoveByValueList() {}

    /**
     * @param value the remove operation's non-null value: a list of members, or one member object
     * @return {@code members[value eq "a" or value eq "b" …]} paths naming each distinct member id once, in order
     * @throws dev.kiroscim.server.scim.error.ScimException 400 invalidValue as {@link MemberIds#parse} for a malformed list
     */
    public List<String> paths(JsonNode value) {
        JsonNode list = value.isObject() ? JsonNodeFactory.instance.arrayNode().add(value) : value;
        List<String> paths = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        int comparisons = 0;
        for (String id : MemberIds.parse(list)) {
            String comparison = "value eq " + FilterPrinter.quote(id);
            boolean full = comparisons == FilterParser.MAX_COMPARISONS
                    || path.length() + " or ".length() + comparison.length() + "]".length()
                            > FilterParser.MAX_FILTER_LENGTH;
            if (comparisons > 0 && full) {
                paths.add(path.append(']').toString());
                path.setLength(0);
                comparisons = 0;
            }
            path.append(comparisons == 0 ? "members[" : " or ").append(comparison);
            comparisons++;
        }
        if (comparisons > 0) {
            paths.add(path.append(']').toString());
        }
        return paths;
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID (default mode)";
    }

    @Override
    public String description() {
        return "remove path=members with value [{value:id}] removes only the listed members, not all";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I7; https://github.com/apache/directory-scimple/issues/436";
    }
}
