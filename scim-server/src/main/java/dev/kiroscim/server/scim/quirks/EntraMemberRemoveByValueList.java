package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kiroscim.server.scim.document.MemberIds;
import dev.kiroscim.server.scim.filter.AttributePath;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.filter.PatchPath;
import java.util.List;

/**
 * Entra's legacy member removal: {@code remove} with {@code path: "members"} and a {@code value} list removes only
 * the listed members.
 *
 * <p>RFC 7644 §3.5.2.2 has no {@code value} on remove, so an RFC-literal server removes <em>all</em> members, which
 * wiped whole groups (SCIMple #436, SCIM-SDK #167). Entra without {@code aadOptscim062020} sends the list; we
 * rewrite it into one RFC value-path removal per member (the engine merges them into one storage call):
 * <pre>
 * sent:       {"op":"Remove","path":"members","value":[{"$ref":null,"value":"f648"},{"value":"0a1b"}]}
 * normalised: {"op":"remove","path":"members[value eq \"f648\"]"},
 *             {"op":"remove","path":"members[value eq \"0a1b\"]"}
 * </pre>
 * One path per member, not one {@code or} filter, because a filter holds at most 100 comparisons and Entra may list
 * more. Without a value, {@code remove members} still removes every member (RFC).
 *
 * <p>Source: docs/idp-quirks.md §I7; https://github.com/apache/directory-scimple/issues/436.
 */
public final class EntraMemberRemoveByValueList implements IdpQuirk {

    EntraMemberRemoveByValueList() {
    }

    /**
     * @param value the remove operation's non-null value: a list of members, or one member object
     * @return one {@code members[value eq "id"]} path per distinct member id, in order
     * @throws dev.kiroscim.server.scim.error.ScimException 400 invalidValue as {@link MemberIds#parse} for a malformed list
     */
    public List<String> paths(JsonNode value) {
        JsonNode list = value.isObject() ? JsonNodeFactory.instance.arrayNode().add(value) : value;
        return MemberIds.parse(list).stream()
                .map(id -> new PatchPath(AttributePath.of("members"),
                        new Filter.Compare(AttributePath.of("value"), CompareOp.EQ, new FilterValue.Str(id)), null).toString())
                .toList();
    }

    @Override public String idp() { return "Microsoft Entra ID (default mode)"; }
    @Override public String description() { return "remove path=members with value [{value:id}] removes only the listed members, not all"; }
    @Override public String source() { return "docs/idp-quirks.md §I7; https://github.com/apache/directory-scimple/issues/436"; }
}
