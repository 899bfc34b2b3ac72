package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Entra's legacy member removal: {@code remove} with {@code path: "members"} and a {@code value} list removes only
 * the listed members.
 *
 * <p>RFC 7644 §3.5.2.2 has no {@code value} on remove, so an RFC-literal server removes <em>all</em> members, which
 * wiped whole groups (SCIMple #436, SCIM-SDK #167). Entra without {@code aadOptscim062020} sends:
 * <pre>{"op":"Remove","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}  →  remove f648… only</pre>
 * Without a value, {@code remove members} still removes every member (RFC).
 *
 * <p>Source: idp-compat.md I7, §2.5, §2.7, §4 bug #3; https://github.com/apache/directory-scimple/issues/436.
 */
public final class EntraMemberRemoveByValueList implements IdpQuirk {

    private final MemberDisplayAndRefIgnored memberIds;

    EntraMemberRemoveByValueList(MemberDisplayAndRefIgnored memberIds) {
        this.memberIds = memberIds;
    }

    /**
     * @param value the operation's value (may be null or JSON null)
     * @return the ids to remove when the remove carries a member list; empty when it carries no value
     */
    public Optional<List<String>> listedMembers(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(memberIds.memberIds(value));
    }

    @Override public String idp() { return "Microsoft Entra ID (default mode)"; }
    @Override public String description() { return "remove path=members with value [{value:id}] removes only the listed members, not all"; }
    @Override public String source() { return "idp-compat.md I7, §2.7; https://github.com/apache/directory-scimple/issues/436"; }
}
