package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.document.MemberIds;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns PATCH operations on Group {@code members} into {@link MemberChange}s without reading the member list.
 * <pre>
 * add     members [{"value":"u1"},{"value":"u1"}]     → Add[u1]
 * remove  members[value eq "u1" or value eq "u2"]      → Remove[u1, u2]
 * remove  members                                      → RemoveAll
 * remove  members [{"value":"u1"}]                     → 400 (Entra's legacy form is rewritten to filters before)
 * replace members [{"value":"u1"}]  / path-less {"members":[…]} → ReplaceAll[u1]
 * replace members[value eq "u1"]                       → 400 noTarget
 * members[display eq "x"], members.display             → 400 invalidFilter / mutability
 * </pre>
 * Because membership lives in its own relation, filters on members can only select by {@code value}: other
 * sub-attributes ({@code display}, {@code type}) are not stored.
 */
final class MemberPatch {

    Optional<MemberChange> apply(PatchOpType op, PatchTarget target, JsonNode value) {
        if (target.subAttribute() != null) {
            throw new ScimException(
                    400,
                    ScimType.MUTABILITY,
                    "members." + target.subAttribute().name()
                            + " cannot be modified; add or remove members by value instead");
        }
        if (target.filter() != null) {
            return switch (op) {
                case REMOVE -> Optional.of(new MemberChange.Remove(idsSelectedBy(target.filter())));
                case REPLACE ->
                    throw new ScimException(
                            400,
                            ScimType.NO_TARGET,
                            "replace " + target.text()
                                    + " has nothing to replace: a member has no modifiable sub-attribute; remove and add members instead");
                case ADD ->
                    throw new ScimException(
                            400,
                            ScimType.INVALID_PATH,
                            "add " + target.text()
                                    + " is not supported; use add with path \"members\" and a list of {\"value\": id}");
            };
        }
        boolean absent = value == null || value.isNull(); // RFC 7643 §2.5: null is unassigned
        return switch (op) {
            case ADD -> {
                if (absent) {
                    throw new ScimException(
                            400, ScimType.INVALID_VALUE, "add members needs a value [{\"value\": id}, …]");
                }
                List<String> ids = MemberIds.parse(value);
                yield ids.isEmpty() ? Optional.empty() : Optional.of(new MemberChange.Add(ids));
            }
            case REPLACE -> Optional.of(new MemberChange.ReplaceAll(absent ? List.of() : MemberIds.parse(value)));
            case REMOVE -> {
                AttributePatcher.requireNoValueOnRemove(target, value);
                yield Optional.of(new MemberChange.RemoveAll());
            }
        };
    }

    /** Ids of {@code value eq "id"} comparisons joined by {@code or}; anything else is 400 invalidFilter. */
    private static List<String> idsSelectedBy(Filter filter) {
        Set<String> ids = new LinkedHashSet<>();
        collect(filter, ids);
        return List.copyOf(ids);
    }

    private static void collect(Filter filter, Set<String> ids) {
        if (filter instanceof Filter.Or or) {
            collect(or.left(), ids);
            collect(or.right(), ids);
            return;
        }
        if (filter instanceof Filter.Compare cmp
                && cmp.op() == CompareOp.EQ
                && cmp.path().schemaUrn() == null
                && "value".equalsIgnoreCase(cmp.path().attribute())
                && cmp.path().subAttribute() == null
                && cmp.value() instanceof FilterValue.Str id
                && !id.value().isEmpty()) {
            ids.add(id.value());
            return;
        }
        throw new ScimException(
                400,
                ScimType.INVALID_FILTER,
                "members can only be selected by id: use members[value eq \"id\"]" + " (several joined with or); got ["
                        + filter + "]");
    }
}
