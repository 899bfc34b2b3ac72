package dev.kiroscim.server.scim.document;

import static dev.kiroscim.server.scim.document.Json.object;
import static dev.kiroscim.server.scim.document.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceDocumentReaderTest {

    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    // Bodies as IdPs send them: the normaliser runs first, as in ProvisionUsers/ProvisionGroups.
    private final ResourceDocumentReader reader = new ResourceDocumentReader();
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    static Stream<Arguments> userBodies() {
        return Stream.of(
                Arguments.of(
                        "names are matched case-insensitively and stored canonically",
                        "{'USERNAME':'Alice','Name':{'GIVENNAME':'A'}}",
                        "{'userName':'Alice','name':{'givenName':'A'}}"),
                Arguments.of(
                        "I10 read-only and unknown input ignored (Okta create 1.4)",
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'x','meta':{'resourceType':'User'},"
                                + "'userName':'test.user@example.com','groups':[],'password':'tmp-Random-1','favouriteColour':'red','active':true}",
                        "{'userName':'test.user@example.com','active':true}"),
                Arguments.of(
                        "I4 string booleans for attributes and sub-attributes",
                        "{'userName':'a','active':'True','emails':[{'value':'a@x','primary':'false'}]}",
                        "{'userName':'a','active':true,'emails':[{'value':'a@x','primary':false}]}"),
                Arguments.of(
                        "I4 lower-case string boolean",
                        "{'userName':'a','active':'false'}",
                        "{'userName':'a','active':false}"),
                Arguments.of(
                        "I10 JSON nulls are absent (old Entra payloads)",
                        "{'userName':'a','addresses':null,'phoneNumbers':null,'title':null,'name':{'givenName':null,'familyName':'F'}}",
                        "{'userName':'a','name':{'familyName':'F'}}"),
                Arguments.of(
                        "empty strings are absent (Okta C9337 push empty values)",
                        "{'userName':'a','title':'','name':{'givenName':''}}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "Okta PUT echoes emails.display: display is a writable sub-attribute of emails, kept",
                        "{'userName':'a','emails':[{'primary':true,'value':'a@x','type':'work','display':'a@x'}]}",
                        "{'userName':'a','emails':[{'primary':true,'value':'a@x','type':'work','display':'a@x'}]}"),
                Arguments.of(
                        "extension under URN key in any case",
                        "{'userName':'a','" + ENT.toUpperCase() + "':{'DEPARTMENT':'Sales'}}",
                        "{'userName':'a','" + ENT + "':{'department':'Sales'}}"),
                Arguments.of(
                        "I9 manager as object",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1'}}}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1'}}}"),
                Arguments.of(
                        "I9 manager as bare string (Entra sample)",
                        "{'userName':'a','" + ENT + "':{'manager':'123456'}}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'123456'}}}"),
                Arguments.of(
                        "I9 manager as list with $ref; displayName is read-only and dropped",
                        "{'userName':'a','" + ENT
                                + "':{'manager':[{'value':'m1','$ref':'https://h/Users/m1','displayName':'Boss'}]}}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1','$ref':'https://h/Users/m1'}}}"),
                Arguments.of(
                        "I9 manager {value:''} means no manager",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':''}}}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "I9 manager '' means no manager",
                        "{'userName':'a','" + ENT + "':{'manager':''}}",
                        "{'userName':'a'}"),
                Arguments.of(
                        "I9 manager null means no manager",
                        "{'userName':'a','" + ENT + "':{'manager':null,'department':'D'}}",
                        "{'userName':'a','" + ENT + "':{'department':'D'}}"),
                Arguments.of(
                        "a single object for a multi-valued complex attribute is wrapped",
                        "{'userName':'a','emails':{'value':'a@x'}}",
                        "{'userName':'a','emails':[{'value':'a@x'}]}"),
                Arguments.of(
                        "several primary:true keep the last one (RFC 7643 §2.4)",
                        "{'userName':'a','emails':[{'value':'1','primary':true},{'value':'2','primary':'True'}]}",
                        "{'userName':'a','emails':[{'value':'1','primary':false},{'value':'2','primary':true}]}"),
                Arguments.of(
                        "Entra create (2.3) with roles:[] and meta",
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','" + ENT
                                + "'],'externalId':'alice','userName':'alice@contoso.com',"
                                + "'active':'True','displayName':'Alice Example','emails':[{'primary':true,'type':'work','value':'alice@contoso.com'}],"
                                + "'meta':{'resourceType':'User'},'name':{'formatted':'Alice Example','familyName':'Example','givenName':'Alice'},"
                                + "'roles':[],'" + ENT + "':{'department':'Sales'}}",
                        "{'externalId':'alice','userName':'alice@contoso.com','active':true,'displayName':'Alice Example',"
                                + "'emails':[{'primary':true,'type':'work','value':'alice@contoso.com'}],"
                                + "'name':{'formatted':'Alice Example','familyName':'Example','givenName':'Alice'},'"
                                + ENT + "':{'department':'Sales'}}"),
                Arguments.of(
                        "Okta PUT (1.7) with id, meta, groups",
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'23a3',"
                                + "'userName':'t@example.com','name':{'givenName':'Another','middleName':'Excited','familyName':'User'},"
                                + "'active':true,'groups':[],'meta':{'resourceType':'User'}}",
                        "{'userName':'t@example.com','name':{'givenName':'Another','middleName':'Excited','familyName':'User'},'active':true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userBodies")
    void readsUserBody(String rule, String body, String expected) {
        NormalizedResource read =
                reader.read(ScimSchemas.USER_TYPE, normalizer.resource(ScimSchemas.USER_TYPE, parse(body)));
        assertThat(read.document()).isEqualTo(parse(expected));
        assertThat(read.memberIds()).isEmpty();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(ScimSchemas.USER_TYPE, "{'userName':{'x':1}}", ScimType.INVALID_VALUE, "userName"),
                Arguments.of(
                        ScimSchemas.USER_TYPE, "{'userName':'a','active':'yes'}", ScimType.INVALID_VALUE, "active"),
                Arguments.of(ScimSchemas.USER_TYPE, "{'userName':'a','active':1}", ScimType.INVALID_VALUE, "active"),
                Arguments.of(
                        ScimSchemas.USER_TYPE, "{'userName':'a','emails':'a@x'}", ScimType.INVALID_VALUE, "emails"),
                Arguments.of(
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','emails':[{'primary':'maybe'}]}",
                        ScimType.INVALID_VALUE,
                        "emails.primary"),
                Arguments.of(ScimSchemas.USER_TYPE, "{'userName':'a','name':'Alice'}", ScimType.INVALID_VALUE, "name"),
                Arguments.of(ScimSchemas.USER_TYPE, "{'userName':'a','" + ENT + "':'x'}", ScimType.INVALID_VALUE, ENT),
                Arguments.of(
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','" + ENT + "':{'manager':[{'value':'1'},{'value':'2'}]}}",
                        ScimType.INVALID_VALUE,
                        "manager"),
                Arguments.of(
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','" + ENT + "':{'manager':42}}",
                        ScimType.INVALID_VALUE,
                        "manager"),
                Arguments.of(
                        ScimSchemas.USER_TYPE,
                        "{'name':{'givenName':'a'}}",
                        ScimType.INVALID_VALUE,
                        "userName is required"),
                Arguments.of(ScimSchemas.USER_TYPE, "{'userName':''}", ScimType.INVALID_VALUE, "userName is required"),
                Arguments.of(
                        ScimSchemas.USER_TYPE, "{'userName':null}", ScimType.INVALID_VALUE, "userName is required"),
                Arguments.of(ScimSchemas.USER_TYPE, "['userName']", ScimType.INVALID_SYNTAX, "JSON object"),
                Arguments.of(
                        ScimSchemas.GROUP_TYPE, "{'members':[]}", ScimType.INVALID_VALUE, "displayName is required"),
                Arguments.of(
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'G','members':[{'value':''}]}",
                        ScimType.INVALID_VALUE,
                        "members.value"),
                Arguments.of(
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'G','members':[{'display':'x'}]}",
                        ScimType.INVALID_VALUE,
                        "members.value"),
                Arguments.of(
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'G','members':[{'value':7}]}",
                        ScimType.INVALID_VALUE,
                        "members.value"),
                Arguments.of(
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'G','members':['u1']}",
                        ScimType.INVALID_VALUE,
                        "members"));
    }

    @ParameterizedTest(name = "{1} → {2}")
    @MethodSource("invalidBodies")
    void rejectsInvalidBody(ResourceTypeDef type, String body, ScimType scimType, String detailMentions) {
        assertThatThrownBy(() -> reader.read(type, normalizer.resource(type, parse(body))))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(scimType);
                    assertThat(e.detail()).contains(detailMentions);
                });
    }

    static Stream<Arguments> groupBodies() {
        return Stream.of(
                Arguments.of(
                        "Okta group push create (1.10) with empty members",
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'Test SCIMv2','members':[]}",
                        "{'displayName':'Test SCIMv2'}",
                        Optional.of(List.of())),
                Arguments.of(
                        "Entra group create (2.7) with the Microsoft schema URI and meta",
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group','http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
                                + "'externalId':'8aa1a0c0','displayName':'Sales','meta':{'resourceType':'Group'}}",
                        "{'externalId':'8aa1a0c0','displayName':'Sales'}",
                        Optional.empty()),
                Arguments.of(
                        "members display/$ref/type ignored, ids de-duplicated in order (Okta AIW PUT 1.10)",
                        "{'displayName':'G','members':[{'value':'u2','display':null},{'$ref':null,'value':'u1','type':'User'},{'value':'u2','display':'x'}]}",
                        "{'displayName':'G'}",
                        Optional.of(List.of("u2", "u1"))),
                Arguments.of(
                        "members null means absent",
                        "{'displayName':'G','members':null}",
                        "{'displayName':'G'}",
                        Optional.empty()),
                Arguments.of(
                        "a single member object is accepted",
                        "{'displayName':'G','members':{'value':'u1'}}",
                        "{'displayName':'G'}",
                        Optional.of(List.of("u1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupBodies")
    void readsGroupBody(String rule, String body, String expected, Optional<List<String>> members) {
        NormalizedResource read =
                reader.read(ScimSchemas.GROUP_TYPE, normalizer.resource(ScimSchemas.GROUP_TYPE, parse(body)));
        assertThat(read.document()).isEqualTo(parse(expected));
        assertThat(read.memberIds()).isEqualTo(members);
    }

    @Test
    void doesNotMutateInput() {
        var body = object("{'userName':'a','active':'True'}");
        reader.read(ScimSchemas.USER_TYPE, normalizer.resource(ScimSchemas.USER_TYPE, body));
        assertThat(body).isEqualTo(parse("{'userName':'a','active':'True'}"));
    }
}
