package dev.kiroscim.server.scim.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.DirectoryChangeListener;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.query.AttributeIndexer;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SCIM User use cases: create, read, replace, patch, delete and search, each in one transaction.
 * Documents arrive already parsed; this class turns them into records, keeps the indexed columns in step with
 * the document, bumps {@code version} on every change, and enforces {@code If-Match}.
 */
public final class ProvisionUsers {

    private final Transactions transactions;
    private final ResourceDocumentReader reader;
    private final PatchEngine patchEngine;
    /** IdP requests into RFC form before the reader and the engine (docs/idp-quirks.md). */
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    private final AttributeIndexer indexer = new AttributeIndexer(FieldCatalog.USERS);
    private final DirectoryChangeListener listener;

    public ProvisionUsers(
            Transactions transactions,
            ResourceDocumentReader reader,
            PatchEngine patchEngine,
            DirectoryChangeListener listener) {
        this.transactions = transactions;
        this.reader = reader;
        this.patchEngine = patchEngine;
        this.listener = listener;
    }

    public UserView create(JsonNode body, ChangeContext ctx) {
        ObjectNode document = reader.read(ScimSchemas.USER_TYPE, normalizer.resource(ScimSchemas.USER_TYPE, body))
                .document();
        if (!document.has("active")) {
            document.put("active", true);
        }
        UserRecord user = toRecord(UUID.randomUUID().toString(), document, 1, ctx.at(), ctx.at());
        return transactions.write(tx -> {
            tx.users().insert(user, indexer.index(document));
            listener.onChanges(tx, ctx, List.of(new DirectoryChange.UserCreated(user)));
            return new UserView(user, List.of());
        });
    }

    public UserView get(String id, boolean withGroups) {
        return transactions.read(tx -> tx.users()
                .findWithGroups(id, withGroups)
                .map(found -> new UserView(found.user(), found.groups()))
                .orElseThrow(() -> notFound(id)));
    }

    /**
     * PUT (RFC 7644 §3.5.1): the body replaces the user's attributes. One deliberate leniency: a body without
     * {@code active} keeps the current value, because Okta and other full-replace clients omit it and must not
     * deactivate the user by accident (docs/idp-quirks.md §O14).
     */
    public UserView replace(String id, JsonNode body, String ifMatch, boolean withGroups, ChangeContext ctx) {
        ObjectNode document = reader.read(ScimSchemas.USER_TYPE, normalizer.resource(ScimSchemas.USER_TYPE, body))
                .document();
        return transactions.write(tx -> {
            UserRecord current = tx.users().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            if (!document.has("active")) {
                document.put("active", current.active());
            }
            UserRecord updated = save(tx, current, document, ctx);
            return new UserView(updated, withGroups ? groupsOf(tx, id) : null);
        });
    }

    public UserView patch(String id, JsonNode body, String ifMatch, boolean withGroups, ChangeContext ctx) {
        return transactions.write(tx -> {
            UserRecord current = tx.users().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            ObjectNode before = ScimJson.parseStored(current.document());
            ObjectNode after = patchEngine
                    .apply(ScimSchemas.USER_TYPE, before, normalizer.patch(ScimSchemas.USER_TYPE, body))
                    .document();
            UserRecord updated = save(tx, current, after, ctx);
            return new UserView(updated, withGroups ? groupsOf(tx, id) : null);
        });
    }

    public void delete(String id, String ifMatch, ChangeContext ctx) {
        transactions.write(tx -> {
            UserRecord current = tx.users().findForUpdate(id).orElseThrow(() -> notFound(id));
            Preconditions.checkIfMatch(ifMatch, current.version());
            List<String> formerGroups =
                    groupsOf(tx, id).stream().map(GroupRef::groupId).toList();
            tx.users().delete(id);
            listener.onChanges(tx, ctx, List.of(new DirectoryChange.UserDeleted(current, formerGroups)));
            return null;
        });
    }

    public Page<UserView> search(Criteria criteria, SortKey sort, PageRequest page, boolean withGroups) {
        return transactions.read(tx -> {
            Page<UserRecord> users = tx.users().search(criteria, sort, page);
            Map<String, List<GroupRef>> groups = withGroups
                    ? tx.users()
                            .groupsOf(users.items().stream().map(UserRecord::id).toList())
                    : Map.of();
            return new Page<>(
                    users.total(),
                    users.items().stream()
                            .map(u -> new UserView(u, withGroups ? groups.getOrDefault(u.id(), List.of()) : null))
                            .toList());
        });
    }

    private UserRecord save(Directory tx, UserRecord current, ObjectNode document, ChangeContext ctx) {
        if (ScimJson.parseStored(current.document()).equals(document)) {
            return current;
        }
        UserRecord updated = toRecord(current.id(), document, current.version() + 1, current.created(), ctx.at());
        tx.users().update(updated, indexer.index(document));
        listener.onChanges(tx, ctx, List.of(new DirectoryChange.UserUpdated(current, updated)));
        return updated;
    }

    private static List<GroupRef> groupsOf(Directory tx, String id) {
        return tx.users().groupsOf(List.of(id)).getOrDefault(id, List.of());
    }

    private static UserRecord toRecord(String id, ObjectNode doc, long version, Instant created, Instant modified) {
        return new UserRecord(
                id,
                doc.path("userName").asText(),
                textOrNull(doc, "externalId"),
                textOrNull(doc, "displayName"),
                doc.path("active").asBoolean(true),
                ScimJson.write(doc),
                version,
                created,
                modified);
    }

    private static String textOrNull(ObjectNode doc, String field) {
        JsonNode v = doc.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static ScimException notFound(String id) {
        return ScimException.notFound("no User with id '" + id + "'");
    }
}
