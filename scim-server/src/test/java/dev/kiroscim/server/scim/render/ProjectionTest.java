package dev.kiroscim.server.scim.render;

import static dev.kiroscim.server.scim.document.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7644 §3.9 {@code attributes} / {@code excludedAttributes} on a rendered user. */
class ProjectionTest {

    private static final String ENT = ScimSchemas.ENTERPRISE_USER_URN;
    private static final String ALWAYS = "'schemas':['s'],'id':'1'";
    private static final String USER = "{" + ALWAYS + ",'userName':'a','name':{'givenName':'G','familyName':'F'},"
            + "'emails':[{'value':'a@x','type':'work'},{'value':'b@x'}],'active':true,"
            + "'" + ENT + "':{'department':'D','manager':{'value':'m'}}}";

    static Stream<Arguments> projections() {
        return Stream.of(
                Arguments.of(null, null, USER),
                Arguments.of("userName", null, "{" + ALWAYS + ",'userName':'a'}"),
                Arguments.of("USERNAME, active", null, "{" + ALWAYS + ",'userName':'a','active':true}"),
                Arguments.of("name.givenName", null, "{" + ALWAYS + ",'name':{'givenName':'G'}}"),
                Arguments.of("emails.type", null, "{" + ALWAYS + ",'emails':[{'type':'work'},{}]}"),
                Arguments.of(ENT + ":department", null, "{" + ALWAYS + ",'" + ENT + "':{'department':'D'}}"),
                Arguments.of(
                        "urn:ietf:params:scim:schemas:core:2.0:User:userName", null, "{" + ALWAYS + ",'userName':'a'}"),
                // Unknown names are ignored; a list of only unknown names selects nothing, so nothing is cut.
                Arguments.of("noSuchAttribute", null, USER),
                Arguments.of(
                        null, "emails", USER.replace("'emails':[{'value':'a@x','type':'work'},{'value':'b@x'}],", "")),
                Arguments.of(null, "name.familyName", USER.replace(",'familyName':'F'", "")),
                Arguments.of(
                        null,
                        "emails.value",
                        USER.replace("[{'value':'a@x','type':'work'},{'value':'b@x'}]", "[{'type':'work'},{}]")),
                Arguments.of(null, ENT + ":manager", USER.replace(",'manager':{'value':'m'}", "")),
                Arguments.of(null, "id", USER),
                Arguments.of("name", "name.givenName", "{" + ALWAYS + ",'name':{'familyName':'F'}}"));
    }

    @ParameterizedTest(name = "attributes={0} excludedAttributes={1}")
    @MethodSource("projections")
    void projectsTheRenderedUser(String attributes, String excluded, String expected) {
        ObjectNode full = object(USER);
        ObjectNode before = full.deepCopy();
        assertThat(Projection.parse(ScimSchemas.USER_TYPE, attributes, excluded).apply(ScimSchemas.USER_TYPE, full))
                .isEqualTo(object(expected));
        assertThat(full).as("the rendered resource is not modified").isEqualTo(before);
    }

    @Test
    void wantsDecidesWhetherMembersAreRead() {
        var members = ScimSchemas.GROUP.attribute("members").orElseThrow();
        assertThat(Projection.ALL.wants(members)).isTrue();
        assertThat(Projection.parse(ScimSchemas.GROUP_TYPE, null, "members").wants(members))
                .isFalse();
        assertThat(Projection.parse(ScimSchemas.GROUP_TYPE, "displayName", null).wants(members))
                .isFalse();
        assertThat(Projection.parse(ScimSchemas.GROUP_TYPE, "members.value", null)
                        .wants(members))
                .isTrue();
        assertThat(Projection.parse(ScimSchemas.GROUP_TYPE, null, "members.display")
                        .wants(members))
                .isTrue();
    }
}
