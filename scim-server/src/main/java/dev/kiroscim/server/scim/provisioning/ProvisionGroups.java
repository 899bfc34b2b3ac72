package dev.kiroscim.server.scim.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.MembershipDiff;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.DirectoryChangeListener;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.server.scim.document.NormalizedResource;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.patch.MemberChange;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.patch.PatchOutcome;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SCIM Group use cases. Membership changes are applied as deltas on the membership relation, in the order
 * of the PATCH operations, inside the same transaction as the group's own attributes: a PATCH either applies
 * completely or not at all.
 */
public final class ProvisionGroups {

    private final Transactions transactions;
    private final ResourceDocumentReader reader;
    private final PatchEngine patchEngine;
    /** IdP requests into RFC form before the reader and the engine (docs/idp-quirks.md). */
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    private final DirectoryChangeListener listener;

    public ProvisionGroups(
            Transactions transactions,
            ResourceDocumentReader reader,
            PatchEngine patchEngine,
            DirectoryChangeListener listener) {
        this.transactions = transactions;
        this.reader = reader;
        this.patchEngine = patchEngine;
        this.listener = listener;
    }

    public GroupRecord create(JsonNode body, ChangeContext ctx) {
        NormalizedResource input =
                reader.read(ScimSchemas.GROUP_TYPE, normalizer.resource(ScimSchemas.GROUP_TYPE, body));
        GroupRecord group = toRecord(UUID.randomUUID().toString(), input.document(), 1, ctx.at(), ctx.at());
        return transactions.write(tx -> {
            tx.groups().insert(group);
            List<DirectoryChange> changes = new ArrayList<>();
            changes.add(new DirectoryChange.GroupCreated(group));
            input.memberIds().ifPresent(ids -> {
                requireUsers(tx, ids);
                List<String> added = tx.groups().addMembers(group.id(), ids, ctx.at());
                if (!added.isEmpty()) {
                    changes.add(new DirectoryChange.MembersAdded(group, added));
                }
            });
            listener.onChanges(tx, ctx, changes);
            return group;
        });
    }

    public GroupRecord get(String id) {
        return transactions.read(tx -> tx.groups().find(id).orElseThrow(() -> notFound(id)));
    }

    /**
     * PUT: the body replaces the group's attributes; a {@code members} list replaces the member set by applying
     * only the difference (Okta's wizard apps push membership this way). A body without {@code members} leaves
     * the members as they are, like a PUT without {@code active} leaves a user's status.
     */
    public GroupRecord replace(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        NormalizedResource input =
                reader.read(ScimSchemas.GROUP_TYPE, normalizer.resource(ScimSchemas.GROUP_TYPE, body));
        return transactions.write(tx -> {
            GroupRecord current = tx.groups().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            List<MembershipDiff> deltas = new ArrayList<>();
            input.memberIds().ifPresent(ids -> {
                requireUsers(tx, ids);
                deltas.add(tx.groups().replaceMembers(id, ids, ctx.at()));
            });
            return save(tx, current, input.document(), deltas, ctx);
        });
    }

    public GroupRecord patch(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        return transactions.write(tx -> {
            GroupRecord current = tx.groups().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            PatchOutcome outcome = patchEngine.apply(
                    ScimSchemas.GROUP_TYPE,
                    ScimJson.parseStored(current.document()),
                    normalizer.patch(ScimSchemas.GROUP_TYPE, body));
            List<MembershipDiff> deltas = new ArrayList<>();
            for (MemberChange change : outcome.memberChanges()) {
                deltas.add(apply(tx, id, change, ctx.at()));
            }
            return save(tx, current, outcome.document(), deltas, ctx);
        });
    }

    private MembershipDiff apply(Directory tx, String groupId, MemberChange change, Instant now) {
        if (change instanceof MemberChange.Add add) {
            requireUsers(tx, add.ids());
            return new MembershipDiff(tx.groups().addMembers(groupId, add.ids(), now), List.of());
        } else if (change instanceof MemberChange.Remove remove) {
            return new MembershipDiff(List.of(), tx.groups().removeMembers(groupId, remove.ids()));
        } else if (change instanceof MemberChange.RemoveAll) {
            return new MembershipDiff(List.of(), tx.groups().removeAllMembers(groupId));
        }
        List<String> ids = ((MemberChange.ReplaceAll) change).ids();
        requireUsers(tx, ids);
        return tx.groups().replaceMembers(groupId, ids, now);
    }

    public void delete(String id, String ifMatch, ChangeContext ctx) {
        transactions.write(tx -> {
            GroupRecord current = tx.groups().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            List<String> formerMembers = tx.groups().removeAllMembers(id);
            tx.groups().delete(id);
            listener.onChanges(tx, ctx, List.of(new DirectoryChange.GroupDeleted(current, formerMembers)));
            return null;
        });
    }

    public Page<GroupRecord> search(Criteria criteria, SortKey sort, PageRequest page) {
        return transactions.read(tx -> tx.groups().search(criteria, sort, page));
    }

    /** A page of members, read in its own short transaction (see ResourceStreamWriter). */
    public List<dev.kiroscim.core.directory.MemberRef> members(String groupId, String afterUserId, int limit) {
        return transactions.read(tx -> tx.groups().members(groupId, afterUserId, limit));
    }

    /**
     * Bumps the version when the attributes or the members changed, and reports the changes in the order they
     * happened: attribute change first, then each membership delta.
     */
    private GroupRecord save(
            Directory tx, GroupRecord current, ObjectNode document, List<MembershipDiff> deltas, ChangeContext ctx) {
        boolean documentChanged = !ScimJson.parseStored(current.document()).equals(document);
        boolean membersChanged = deltas.stream()
                .anyMatch(d -> !d.added().isEmpty() || !d.removed().isEmpty());
        if (!documentChanged && !membersChanged) {
            return current;
        }
        GroupRecord updated = toRecord(current.id(), document, current.version() + 1, current.created(), ctx.at());
        tx.groups().update(updated);
        List<DirectoryChange> changes = new ArrayList<>();
        if (documentChanged) {
            changes.add(new DirectoryChange.GroupUpdated(current, updated));
        }
        for (MembershipDiff d : deltas) {
            if (!d.removed().isEmpty()) {
                changes.add(new DirectoryChange.MembersRemoved(updated, d.removed()));
            }
            if (!d.added().isEmpty()) {
                changes.add(new DirectoryChange.MembersAdded(updated, d.added()));
            }
        }
        listener.onChanges(tx, ctx, changes);
        return updated;
    }

    /** Every member must be a user we know: 400 and no change otherwise (the transaction rolls back). */
    private static void requireUsers(Directory tx, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> known = tx.users().existing(ids);
        List<String> unknown = ids.stream()
                .filter(id -> !known.contains(id))
                .distinct()
                .limit(5)
                .toList();
        if (!unknown.isEmpty()) {
            throw ScimException.badRequest(
                    ScimType.INVALID_VALUE,
                    "members must be existing Users; unknown id(s): " + String.join(", ", unknown));
        }
    }

    private static GroupRecord toRecord(String id, ObjectNode doc, long version, Instant created, Instant modified) {
        JsonNode externalId = doc.get("externalId");
        return new GroupRecord(
                id,
                doc.path("displayName").asText(),
                externalId == null || externalId.isNull() ? null : externalId.asText(),
                ScimJson.write(doc),
                version,
                created,
                modified);
    }

    static ScimException notFound(String id) {
        return ScimException.notFound("no Group with id '" + id + "'");
    }
}
