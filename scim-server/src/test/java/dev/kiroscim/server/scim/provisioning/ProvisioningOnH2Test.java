package dev.kiroscim.server.scim.provisioning;

import static dev.kiroscim.server.scim.document.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.MemberRef;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.render.ScimJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioning use cases on an embedded H2 database, without HTTP: IdP-shaped requests reach storage through the
 * normaliser, the reader and the PATCH engine, and each use case reports its changes to the listener.
 */
class ProvisioningOnH2Test {

    @TempDir
    static Path dataDir;

    private static Database database;
    private static final List<DirectoryChange> changes = new ArrayList<>();
    private static ProvisionUsers users;
    private static ProvisionGroups groups;
    private static final ChangeContext CTX = new ChangeContext("test", "r1", Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void open() {
        database = Database.open(DatabaseConfig.h2(dataDir));
        ResourceDocumentReader reader = new ResourceDocumentReader();
        PatchEngine engine = new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT);
        users = new ProvisionUsers(database, reader, engine, (tx, ctx, list) -> changes.addAll(list));
        groups = new ProvisionGroups(database, reader, engine, (tx, ctx, list) -> changes.addAll(list));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static String newUser(String userName) {
        return users.create(parse("{'userName':'" + userName + "'}"), CTX)
                .user()
                .id();
    }

    @Test
    void createDefaultsToActiveAndReportsTheUser() {
        changes.clear();
        UserView created = users.create(
                parse("{'schemas':['x'],'id':'ignored','userName':'Create1','password':'p','title':''}"), CTX);
        assertThat(created.user().active()).isTrue();
        assertThat(created.user().version()).isEqualTo(1);
        JsonNode document = ScimJson.parseStored(created.user().document());
        assertThat(document.has("password"))
                .as("password is accepted, never stored")
                .isFalse();
        assertThat(document.has("title")).as("an empty string is not stored").isFalse();
        assertThat(changes).singleElement().isInstanceOf(DirectoryChange.UserCreated.class);
    }

    @Test
    void putWithoutActiveKeepsTheCurrentValue() {
        String id = newUser("Put1");
        users.patch(
                id,
                parse("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + "'Operations':[{'op':'Replace','path':'active','value':'False'}]}"),
                null,
                false,
                CTX);
        UserView replaced = users.replace(id, parse("{'userName':'Put1','title':'T'}"), null, false, CTX);
        assertThat(replaced.user().active()).isFalse();
        assertThat(replaced.user().version()).isEqualTo(3);
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        String id = newUser("Etag1");
        assertThatThrownBy(() -> users.replace(id, parse("{'userName':'Etag2'}"), "W/\"7\"", false, CTX))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(users.get(id, false).user().userName()).isEqualTo("Etag1");
    }

    @Test
    void unknownIdsAre404() {
        assertThatThrownBy(() -> users.get("no-such-id", false))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> groups.delete("no-such-id", null, CTX))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void entraMemberListRemovesOnlyTheListedMembers() {
        String a = newUser("MemberA");
        String b = newUser("MemberB");
        String c = newUser("MemberC");
        GroupRecord group = groups.create(
                parse("{'displayName':'Listed','members':[{'value':'" + a + "','display':'A'}," + "{'value':'" + b
                        + "'},{'value':'" + c + "'}]}"),
                CTX);
        changes.clear();
        groups.patch(
                group.id(),
                parse("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                        + "{'op':'Remove','path':'members','value':[{'$ref':null,'value':'" + a + "'},{'value':'" + c
                        + "'}]}]}"),
                null,
                CTX);
        assertThat(groups.members(group.id(), null, 10))
                .extracting(MemberRef::userId)
                .containsExactly(b);
        assertThat(changes)
                .filteredOn(DirectoryChange.MembersRemoved.class::isInstance)
                .singleElement()
                .satisfies(change -> assertThat(((DirectoryChange.MembersRemoved) change).userIds())
                        .containsExactlyInAnyOrder(a, c));
    }

    @Test
    void groupPutWithoutMembersLeavesThemAndUnknownMembersAre400() {
        String a = newUser("PutMember");
        GroupRecord group = groups.create(parse("{'displayName':'Kept','members':[{'value':'" + a + "'}]}"), CTX);
        groups.replace(group.id(), parse("{'displayName':'Kept2'}"), null, CTX);
        assertThat(groups.members(group.id(), null, 10))
                .extracting(MemberRef::userId)
                .containsExactly(a);
        assertThatThrownBy(() ->
                        groups.create(parse("{'displayName':'Ghosts','members':[{'value':'no-such-user'}]}"), CTX))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
