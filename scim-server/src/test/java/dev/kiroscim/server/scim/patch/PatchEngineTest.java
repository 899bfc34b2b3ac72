package dev.kiroscim.server.scim.patch;

import static dev.kiroscim.server.scim.document.Json.object;
import static dev.kiroscim.server.scim.document.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchEngineTest {

    static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    // Requests as IdPs send them: the normaliser runs first, as in ProvisionUsers/ProvisionGroups.
    private final PatchEngine engine = new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT);
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    /** Wraps operations into a PatchOp message. */
    static String patch(String operations) {
        return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[" + operations + "]}";
    }

    static Stream<Arguments> userPatches() {
        String base = "{'userName':'a','emails':[{'type':'home','value':'h@x'}]}";
        return Stream.of(
                Arguments.of(
                        "1.8 Okta deactivate, path-less",
                        "{'userName':'a','active':true}",
                        "{'op':'replace','value':{'active':false}}",
                        "{'userName':'a','active':false}"),
                Arguments.of(
                        "1.8 Okta password sync is accepted and ignored",
                        "{'userName':'a'}",
                        "{'op':'replace','value':{'password':'secret'}}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "I3+I4 Entra disable without flag",
                        "{'userName':'a','active':true}",
                        "{'op':'Replace','path':'active','value':'False'}",
                        "{'userName':'a','active':false}"),
                Arguments.of(
                        "2.5 Entra disable with flag",
                        "{'userName':'a','active':true}",
                        "{'op':'replace','path':'active','value':false}",
                        "{'userName':'a','active':false}"),
                Arguments.of(
                        "I8 add on single-valued replaces",
                        "{'userName':'a','nickName':'Old'}",
                        "{'op':'Add','path':'nickName','value':'Babs'}",
                        "{'userName':'a','nickName':'Babs'}"),
                Arguments.of(
                        "2.5 Entra default multi-op PATCH",
                        base,
                        "{'op':'Replace','path':'displayName','value':'Pvlo'},"
                                + "{'op':'Replace','path':'emails[type eq \"work\"].value','value':'pvlo@contoso.com'},"
                                + "{'op':'Replace','path':'name.givenName','value':'P'},{'op':'Replace','path':'name.familyName','value':'Vlo'},"
                                + "{'op':'Replace','path':'externalId','value':'pvlo'},"
                                + "{'op':'Replace','path':'" + ENT
                                + ":employeeNumber','value':'1234'},{'op':'Add','path':'nickName','value':'Babs'}",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x'},{'type':'work','value':'pvlo@contoso.com'}],'displayName':'Pvlo',"
                                + "'name':{'givenName':'P','familyName':'Vlo'},'externalId':'pvlo','" + ENT
                                + "':{'employeeNumber':'1234'},'nickName':'Babs'}"),
                Arguments.of(
                        "I5 2.5 Entra aadOptscim062020 path-less dotted keys and URN keys",
                        "{'userName':'a','name':{'familyName':'X','middleName':'M'}}",
                        "{'op':'replace','value':{'displayName':'Bjfe','name.givenName':'Kkom','name.familyName':'Unua','"
                                + ENT + ":employeeNumber':'Aklq'}}",
                        "{'userName':'a','name':{'familyName':'Unua','middleName':'M','givenName':'Kkom'},'displayName':'Bjfe','"
                                + ENT + "':{'employeeNumber':'Aklq'}}"),
                Arguments.of(
                        "I5 path-less extension URN key with an object",
                        "{'userName':'a','" + ENT + "':{'costCenter':'C'}}",
                        "{'op':'replace','value':{'" + ENT + "':{'department':'R&D'}}}",
                        "{'userName':'a','" + ENT + "':{'costCenter':'C','department':'R&D'}}"),
                Arguments.of(
                        "I6 replace emails[type eq work].value updates the match only",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x'},{'type':'work','value':'old@x'}]}",
                        "{'op':'replace','path':'emails[type eq \"work\"].value','value':'new@x'}",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x'},{'type':'work','value':'new@x'}]}"),
                Arguments.of(
                        "I6 add phoneNumbers[type eq mobile].value creates the element",
                        "{'userName':'a','phoneNumbers':[{'type':'work','value':'1'}]}",
                        "{'op':'add','path':'phoneNumbers[type eq \"mobile\"].value','value':'2'}",
                        "{'userName':'a','phoneNumbers':[{'type':'work','value':'1'},{'type':'mobile','value':'2'}]}"),
                Arguments.of(
                        "I6 addresses[type eq work].streetAddress creates the address",
                        "{'userName':'a'}",
                        "{'op':'replace','path':'addresses[type eq \"work\"].streetAddress','value':'1 Main St'},"
                                + "{'op':'replace','path':'addresses[type eq \"work\"].postalCode','value':'12345'}",
                        "{'userName':'a','addresses':[{'type':'work','streetAddress':'1 Main St','postalCode':'12345'}]}"),
                Arguments.of(
                        "I4 I6 roles[primary eq \"True\"].value creates a primary role",
                        "{'userName':'a'}",
                        "{'op':'add','path':'roles[primary eq \"True\"].value','value':'admin'},{'op':'add','path':'roles[primary eq \"True\"].type','value':'t'}",
                        "{'userName':'a','roles':[{'primary':true,'value':'admin','type':'t'}]}"),
                Arguments.of(
                        "validator Add attributes: emails[type eq work].primary true clears other primaries",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x','primary':true},{'type':'work','value':'w@x'}]}",
                        "{'op':'add','path':'emails[type eq \"work\"].primary','value':true}",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x','primary':false},{'type':'work','value':'w@x','primary':true}]}"),
                Arguments.of(
                        "add to multi-valued appends without duplicating",
                        base,
                        "{'op':'add','path':'emails','value':[{'type':'home','value':'h@x'},{'type':'work','value':'w@x'}]}",
                        "{'userName':'a','emails':[{'type':'home','value':'h@x'},{'type':'work','value':'w@x'}]}"),
                Arguments.of(
                        "replace multi-valued without filter replaces all",
                        base,
                        "{'op':'replace','path':'emails','value':[{'type':'work','value':'w@x'}]}",
                        "{'userName':'a','emails':[{'type':'work','value':'w@x'}]}"),
                Arguments.of(
                        "remove with a filter matching nothing is a no-op",
                        base,
                        "{'op':'remove','path':'emails[type eq \"work\"]'}",
                        base),
                Arguments.of(
                        "remove with a filter removes matching elements",
                        "{'userName':'a','emails':[{'type':'home','value':'h'},{'type':'work','value':'w'}]}",
                        "{'op':'remove','path':'emails[type eq \"work\"]'}",
                        "{'userName':'a','emails':[{'type':'home','value':'h'}]}"),
                Arguments.of(
                        "remove of the last element drops the attribute",
                        base,
                        "{'op':'remove','path':'emails[value co \"h@\"]'}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "remove a single-valued attribute",
                        "{'userName':'a','title':'T'}",
                        "{'op':'remove','path':'title'}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "remove a sub-attribute",
                        "{'userName':'a','name':{'givenName':'G','familyName':'F'}}",
                        "{'op':'remove','path':'name.givenName'}",
                        "{'userName':'a','name':{'familyName':'F'}}"),
                Arguments.of(
                        "remove with value list removes only those elements",
                        "{'userName':'a','emails':[{'type':'home','value':'h'},{'type':'work','value':'w'}]}",
                        "{'op':'remove','path':'emails','value':[{'value':'w'}]}",
                        "{'userName':'a','emails':[{'type':'home','value':'h'}]}"),
                Arguments.of(
                        "replace complex single-valued merges sub-attributes",
                        "{'userName':'a','name':{'givenName':'G','familyName':'F'}}",
                        "{'op':'replace','path':'name','value':{'givenName':'H'}}",
                        "{'userName':'a','name':{'givenName':'H','familyName':'F'}}"),
                Arguments.of(
                        "replace with null clears (Entra SCIM_Null_Update)",
                        "{'userName':'a','title':'T'}",
                        "{'op':'replace','path':'title','value':null}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "replace with empty string clears",
                        "{'userName':'a','title':'T'}",
                        "{'op':'replace','path':'title','value':''}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "2.10 #7 update userName path-less",
                        "{'userName':'a'}",
                        "{'op':'replace','value':{'userName':'b'}}",
                        "{'userName':'b'}"),
                Arguments.of(
                        "2.10 #9 add manager as bare string (Entra)",
                        "{'userName':'a'}",
                        "{'op':'Add','path':'" + ENT + ":manager','value':'2c2f6fb8'}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'2c2f6fb8'}}}"),
                Arguments.of(
                        "2.10 #10 replace manager as object",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1'}}}",
                        "{'op':'replace','path':'" + ENT + ":manager','value':{'value':'m2'}}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m2'}}}"),
                Arguments.of(
                        "2.10 #11 remove manager with {value:''}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1','$ref':'r'},'department':'D'}}",
                        "{'op':'replace','path':'" + ENT + ":manager','value':{'value':''}}",
                        "{'userName':'a','" + ENT + "':{'department':'D'}}"),
                Arguments.of(
                        "2.5 legacy manager list with $ref",
                        "{'userName':'a'}",
                        "{'op':'Add','path':'manager','value':[{'$ref':'http://h/Users/00aa','value':'00aa'}]}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'00aa','$ref':'http://h/Users/00aa'}}}"),
                Arguments.of(
                        "2.5 remove manager[value eq id]",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1'}}}",
                        "{'op':'remove','path':'" + ENT + ":manager[value eq \"m1\"]'}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "SCIMple M1 NPE: replace the whole extension with an object",
                        "{'userName':'a'}",
                        "{'op':'replace','path':'" + ENT + "','value':{'department':'R&D'}}",
                        "{'userName':'a','" + ENT + "':{'department':'R&D'}}"),
                Arguments.of(
                        "remove the whole extension",
                        "{'userName':'a','" + ENT + "':{'department':'R&D'}}",
                        "{'op':'remove','path':'" + ENT + "'}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "P1 multiple ops on different attributes",
                        "{'userName':'a','preferredLanguage':'en','title':'T'}",
                        "{'op':'remove','path':'preferredLanguage'},{'op':'add','path':'nickName','value':'N'},{'op':'replace','path':'title','value':'U'}",
                        "{'userName':'a','title':'U','nickName':'N'}"),
                Arguments.of(
                        "P2 multiple ops on the same attribute",
                        "{'userName':'a','title':'T'}",
                        "{'op':'remove','path':'title'},{'op':'add','path':'title','value':'X'},{'op':'replace','path':'title','value':'Y'}",
                        "{'userName':'a','title':'Y'}"),
                Arguments.of(
                        "2.10 #6 verbose replace mixing filters and URNs",
                        "{'userName':'a','active':true}",
                        "{'op':'replace','path':'emails[type eq \"work\"].value','value':'w@x'},{'op':'replace','path':'emails[type eq \"work\"].primary','value':'True'},"
                                + "{'op':'replace','path':'phoneNumbers[type eq \"mobile\"].value','value':'1'},{'op':'replace','path':'addresses[type eq \"work\"].locality','value':'L'},"
                                + "{'op':'replace','path':'roles[primary eq \"True\"].display','value':'R'},{'op':'replace','path':'"
                                + ENT + ":department','value':'D'},"
                                + "{'op':'replace','path':'timezone','value':'Europe/Paris'},{'op':'replace','path':'active','value':'False'}",
                        "{'userName':'a','active':false,'emails':[{'type':'work','value':'w@x','primary':true}],'phoneNumbers':[{'type':'mobile','value':'1'}],"
                                + "'addresses':[{'type':'work','locality':'L'}],'roles':[{'primary':true,'display':'R'}],'"
                                + ENT + "':{'department':'D'},'timezone':'Europe/Paris'}"),
                Arguments.of(
                        "I10 path-less value ignores id/meta/schemas/groups and unknown keys",
                        "{'userName':'a'}",
                        "{'op':'replace','value':{'id':'x','meta':{},'schemas':[],'groups':[],'unknownThing':1,'title':'T'}}",
                        "{'userName':'a','title':'T'}"),
                Arguments.of(
                        "op names and member names in any case",
                        "{'userName':'a'}",
                        "{'OP':'REPLACE','PATH':'TITLE','VALUE':'T'}",
                        "{'userName':'a','title':'T'}"),
                Arguments.of(
                        "emails.value without filter sets every element",
                        "{'userName':'a','emails':[{'type':'work','value':'1'},{'type':'home','value':'2'}]}",
                        "{'op':'replace','path':'emails.type','value':'other'}",
                        "{'userName':'a','emails':[{'type':'other','value':'1'},{'type':'other','value':'2'}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userPatches")
    void patchesUser(String rule, String current, String operations, String expected) {
        ObjectNode before = object(current);
        PatchOutcome outcome = engine.apply(
                ScimSchemas.USER_TYPE, before, normalizer.patch(ScimSchemas.USER_TYPE, parse(patch(operations))));
        assertThat(outcome.document()).isEqualTo(parse(expected));
        assertThat(outcome.memberChanges()).isEmpty();
        assertThat(before).isEqualTo(parse(current));
    }

    static Stream<Arguments> groupPatches() {
        return Stream.of(
                Arguments.of(
                        "2.7 Entra add three members in one op, $ref null ignored",
                        "{'op':'Add','path':'members','value':[{'$ref':null,'value':'u1'},{'$ref':null,'value':'u2'},{'$ref':null,'value':'u3'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Add(List.of("u1", "u2", "u3")))),
                Arguments.of(
                        "I7 Entra legacy remove by value list removes only listed (SCIMple #436)",
                        "{'op':'Remove','path':'members','value':[{'$ref':null,'value':'u2'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Remove(List.of("u2")))),
                Arguments.of(
                        "I7 RFC remove members[value eq x] (Entra flag / 2.10 #23)",
                        "{'op':'remove','path':'members[value eq \"u2\"]'}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Remove(List.of("u2")))),
                Arguments.of(
                        "remove members[value eq a or value eq b]",
                        "{'op':'remove','path':'members[value eq \"a\" or value eq \"b\"]'}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Remove(List.of("a", "b")))),
                Arguments.of(
                        "remove members without value removes all",
                        "{'op':'remove','path':'members'}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.RemoveAll())),
                Arguments.of(
                        "2.10 #22 replace members on an empty group",
                        "{'op':'replace','path':'members','value':[{'value':'u1'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.ReplaceAll(List.of("u1")))),
                Arguments.of(
                        "1.10 Okta full push, display ignored",
                        "{'op':'replace','path':'members','value':[{'value':'u1','display':'a@x'},{'value':'u2','display':'b@x'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.ReplaceAll(List.of("u1", "u2")))),
                Arguments.of(
                        "path-less replace with members",
                        "{'op':'replace','value':{'members':[{'value':'u1'}]}}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.ReplaceAll(List.of("u1")))),
                Arguments.of(
                        "1.10 Okta remove then add in one request",
                        "{'op':'remove','path':'members[value eq \"89bb\"]'},{'op':'add','path':'members','value':[{'value':'23a3','display':'t@x'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Remove(List.of("89bb")), new MemberChange.Add(List.of("23a3")))),
                Arguments.of(
                        "P5 add member then remove the same member",
                        "{'op':'add','path':'members','value':[{'value':'u1'}]},{'op':'remove','path':'members[value eq \"u1\"]'}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Add(List.of("u1")), new MemberChange.Remove(List.of("u1")))),
                Arguments.of(
                        "SCIMple M1 duplicate member add becomes a single Add",
                        "{'op':'add','path':'members','value':[{'value':'u1'},{'value':'u1'}]}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Add(List.of("u1")))),
                Arguments.of(
                        "SCIMple M1 NPE: remove from a group without members is a plain change",
                        "{'op':'remove','path':'members[value eq \"u1\"]'}",
                        "{'displayName':'G'}",
                        List.of(new MemberChange.Remove(List.of("u1")))),
                Arguments.of(
                        "1.10 Okta rename with read-only id in value",
                        "{'op':'replace','value':{'id':'abf4','displayName':'Test SCIMv2'}}",
                        "{'displayName':'Test SCIMv2'}",
                        List.of()),
                Arguments.of(
                        "2.10 #20 path-less replace externalId",
                        "{'op':'replace','value':{'externalId':'e1'}}",
                        "{'displayName':'G','externalId':'e1'}",
                        List.of()),
                Arguments.of(
                        "2.10 #21 path-less replace displayName",
                        "{'op':'replace','value':{'displayName':'H'}}",
                        "{'displayName':'H'}",
                        List.of()),
                Arguments.of(
                        "2.7 Entra rename and Add externalId",
                        "{'op':'Replace','path':'displayName','value':'Sales EU'},{'op':'Add','path':'externalId','value':'x'}",
                        "{'displayName':'Sales EU','externalId':'x'}",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupPatches")
    void patchesGroup(String rule, String operations, String expected, List<MemberChange> changes) {
        PatchOutcome outcome = engine.apply(
                ScimSchemas.GROUP_TYPE,
                object("{'displayName':'G'}"),
                normalizer.patch(ScimSchemas.GROUP_TYPE, parse(patch(operations))));
        assertThat(outcome.document()).isEqualTo(parse(expected));
        assertThat(outcome.memberChanges()).containsExactlyElementsOf(changes);
    }

    static Stream<Arguments> rejected() {
        ResourceTypeDef user = ScimSchemas.USER_TYPE;
        ResourceTypeDef group = ScimSchemas.GROUP_TYPE;
        return Stream.of(
                Arguments.of(user, patch("{'op':'remove'}"), ScimType.NO_TARGET, "path"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'favouriteColour','value':'red'}"),
                        ScimType.INVALID_PATH,
                        "favouriteColour"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'name.nope','value':'x'}"),
                        ScimType.INVALID_PATH,
                        "name.nope"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'emails[type eq','value':'x'}"),
                        ScimType.INVALID_PATH,
                        "emails[type eq"),
                Arguments.of(user, patch("{'op':'replace','path':'id','value':'x'}"), ScimType.MUTABILITY, "id"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'meta.created','value':'2020-01-01T00:00:00Z'}"),
                        ScimType.MUTABILITY,
                        "meta"),
                Arguments.of(
                        user,
                        patch("{'op':'add','path':'groups','value':[{'value':'g'}]}"),
                        ScimType.MUTABILITY,
                        "groups"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'" + ENT + ":manager.displayName','value':'x'}"),
                        ScimType.MUTABILITY,
                        "displayName"),
                Arguments.of(
                        group,
                        patch("{'op':'replace','path':'members[value eq \"u1\"].display','value':'x'}"),
                        ScimType.MUTABILITY,
                        "display"),
                Arguments.of(
                        group,
                        patch("{'op':'replace','path':'members.value','value':'x'}"),
                        ScimType.MUTABILITY,
                        "members.value"),
                Arguments.of(
                        group,
                        patch("{'op':'replace','path':'members[value eq \"nope\"]','value':{'value':'x'}}"),
                        ScimType.NO_TARGET,
                        "nope"),
                Arguments.of(
                        group,
                        patch("{'op':'remove','path':'members[display eq \"Bob\"]'}"),
                        ScimType.INVALID_FILTER,
                        "value eq"),
                Arguments.of(
                        group,
                        patch("{'op':'remove','path':'members[value co \"u\"]'}"),
                        ScimType.INVALID_FILTER,
                        "value eq"),
                Arguments.of(
                        group,
                        patch("{'op':'add','path':'members','value':[{'display':'x'}]}"),
                        ScimType.INVALID_VALUE,
                        "members.value"),
                Arguments.of(
                        group,
                        patch("{'op':'replace','path':'displayName','value':''}"),
                        ScimType.INVALID_VALUE,
                        "displayName is required"),
                Arguments.of(
                        user,
                        patch("{'op':'remove','path':'userName'}"),
                        ScimType.INVALID_VALUE,
                        "userName is required"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'emails[value co \"zzz\"].value','value':'x'}"),
                        ScimType.NO_TARGET,
                        "emails"),
                Arguments.of(
                        user,
                        patch(
                                "{'op':'replace','path':'emails[type eq \"work\" or type eq \"other\"]','value':{'value':'x'}}"),
                        ScimType.NO_TARGET,
                        "emails"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'emails[nope eq \"x\"].value','value':'x'}"),
                        ScimType.INVALID_PATH,
                        "nope"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'title[value eq \"x\"]','value':'x'}"),
                        ScimType.INVALID_PATH,
                        "single-valued"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'active','value':'yes'}"),
                        ScimType.INVALID_VALUE,
                        "active"),
                Arguments.of(
                        user,
                        patch("{'op':'replace','path':'emails','value':'a@x'}"),
                        ScimType.INVALID_VALUE,
                        "emails"),
                Arguments.of(user, patch("{'op':'replace','value':'x'}"), ScimType.INVALID_VALUE, "object"),
                Arguments.of(user, patch("{'op':'merge','path':'title','value':'x'}"), ScimType.INVALID_SYNTAX, "op"),
                Arguments.of(user, patch(""), ScimType.INVALID_SYNTAX, "Operations"),
                Arguments.of(
                        user, "{'Operations':[{'op':'remove','path':'title'}]}", ScimType.INVALID_SYNTAX, "PatchOp"),
                Arguments.of(
                        user,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'Operations':[{'op':'remove','path':'title'}]}",
                        ScimType.INVALID_SYNTAX,
                        "PatchOp"),
                Arguments.of(
                        user,
                        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':{}}",
                        ScimType.INVALID_SYNTAX,
                        "Operations"));
    }

    @ParameterizedTest(name = "{1} → {2}")
    @MethodSource("rejected")
    void rejectsInvalidPatch(ResourceTypeDef type, String body, ScimType scimType, String detailMentions) {
        ObjectNode current = type == ScimSchemas.USER_TYPE
                ? object("{'userName':'a','emails':[{'type':'home','value':'h@x'}]}")
                : object("{'displayName':'G'}");
        ObjectNode copy = current.deepCopy();
        assertThatThrownBy(() -> engine.apply(type, current, normalizer.patch(type, parse(body))))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(scimType);
                    assertThat(e.detail()).contains(detailMentions);
                });
        assertThat(current).isEqualTo(copy);
    }

    @Test
    void atomicity_secondOperationInvalid_throwsAndLeavesCurrentUnchanged() {
        ObjectNode current = object("{'userName':'a','title':'T'}");
        assertThatThrownBy(
                        () -> engine.apply(
                                ScimSchemas.USER_TYPE,
                                current,
                                normalizer.patch(
                                        ScimSchemas.USER_TYPE,
                                        parse(
                                                patch(
                                                        "{'op':'replace','path':'title','value':'U'},{'op':'replace','path':'id','value':'x'}")))))
                .isInstanceOf(ScimException.class);
        assertThat(current).isEqualTo(parse("{'userName':'a','title':'T'}"));
    }

    @Test
    void groupDocumentNeverContainsMembers() {
        PatchOutcome outcome = engine.apply(
                ScimSchemas.GROUP_TYPE,
                object("{'displayName':'G'}"),
                normalizer.patch(
                        ScimSchemas.GROUP_TYPE,
                        parse(patch("{'op':'add','value':{'members':[{'value':'u1'}],'displayName':'H'}}"))));
        assertThat(outcome.document()).isEqualTo(parse("{'displayName':'H'}"));
        assertThat(outcome.memberChanges()).containsExactly(new MemberChange.Add(List.of("u1")));
    }
}
