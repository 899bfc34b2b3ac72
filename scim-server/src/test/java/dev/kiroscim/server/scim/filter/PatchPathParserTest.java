package dev.kiroscim.server.scim.filter;

import static dev.kiroscim.server.scim.filter.FilterParserTest.CORE_GROUP;
import static dev.kiroscim.server.scim.filter.FilterParserTest.CORE_USER;
import static dev.kiroscim.server.scim.filter.FilterParserTest.ENTERPRISE_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PATCH paths, RFC 7644 §3.5.2 ({@code PATH = attrPath / valuePath [subAttr]}), in the shapes Okta and Entra send. */
class PatchPathParserTest {

    private final FilterParser parser = new FilterParser(Set.of(CORE_USER, CORE_GROUP, ENTERPRISE_USER));

    private static AttributePath attr(String name) {
        return AttributePath.of(name);
    }

    private static Filter eq(String subAttribute, String value) {
        return new Filter.Compare(AttributePath.of(subAttribute), CompareOp.EQ, new FilterValue.Str(value));
    }

    static Stream<Arguments> validPatchPaths() {
        return Stream.of(
                arguments("members", new PatchPath(attr("members"), null, null)),
                arguments("displayName", new PatchPath(attr("displayName"), null, null)),
                arguments("name.givenName", new PatchPath(new AttributePath(null, "name", "givenName"), null, null)),
                arguments("  active ", new PatchPath(attr("active"), null, null)),
                arguments(
                        "members[value eq \"2819c223\"]",
                        new PatchPath(attr("members"), eq("value", "2819c223"), null)),
                arguments("Members[Value EQ \"x\"]", new PatchPath(attr("Members"), eq("Value", "x"), null)),
                arguments(
                        "members[value eq \"a\" or value eq \"b\"]",
                        new PatchPath(attr("members"), new Filter.Or(eq("value", "a"), eq("value", "b")), null)),
                arguments("emails[type eq \"work\"].value", new PatchPath(attr("emails"), eq("type", "work"), "value")),
                arguments(
                        "addresses[type eq \"work\"].streetAddress",
                        new PatchPath(attr("addresses"), eq("type", "work"), "streetAddress")),
                arguments(
                        "manager[value eq \"manager-id\"]",
                        new PatchPath(attr("manager"), eq("value", "manager-id"), null)),
                arguments(
                        "members[$ref eq \"https://x/Users/1\"]",
                        new PatchPath(attr("members"), eq("$ref", "https://x/Users/1"), null)),
                arguments(
                        ENTERPRISE_USER + ":manager",
                        new PatchPath(new AttributePath(ENTERPRISE_USER, "manager", null), null, null)),
                arguments(
                        ENTERPRISE_USER + ":manager.value",
                        new PatchPath(new AttributePath(ENTERPRISE_USER, "manager", "value"), null, null)),
                arguments(
                        ENTERPRISE_USER + ":employeeNumber",
                        new PatchPath(new AttributePath(ENTERPRISE_USER, "employeeNumber", null), null, null)),
                arguments(ENTERPRISE_USER, new PatchPath(new AttributePath(ENTERPRISE_USER, null, null), null, null)),
                arguments(
                        ENTERPRISE_USER.toLowerCase(),
                        new PatchPath(new AttributePath(ENTERPRISE_USER, null, null), null, null)),
                arguments(
                        CORE_USER + ":name.givenName",
                        new PatchPath(new AttributePath(CORE_USER, "name", "givenName"), null, null)),
                arguments(
                        CORE_USER + ":emails[type eq \"work\"].value",
                        new PatchPath(new AttributePath(CORE_USER, "emails", null), eq("type", "work"), "value")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPatchPaths")
    void parsesPatchPath(String path, PatchPath expected) throws FilterParseException {
        PatchPath parsed = parser.parsePatchPath(path);

        assertThat(parsed).isEqualTo(expected);
        assertThat(parser.parsePatchPath(parsed.toString()))
                .as("canonical form parses to the same path")
                .isEqualTo(parsed);
    }

    static Stream<Arguments> invalidPatchPaths() {
        return Stream.of(
                arguments("", 0, "expected an attribute path, found end of input"),
                arguments("\"members\"", 0, "expected an attribute path"),
                arguments("[value eq \"x\"]", 0, "expected an attribute path, found '['"),
                arguments("members[value eq \"x\"", 20, "expected 'and', 'or' or ']'"),
                arguments("members[value eq \"x\"] garbage", 22, "expected '.' sub-attribute or end of path"),
                arguments("members[]", 8, "expected an attribute path, '(' or 'not' after '['"),
                arguments("members[value[x eq \"y\"] eq \"x\"]", 13, "value filters in brackets may not nest"),
                arguments("emails[type eq \"work\"].", 22, "expected a sub-attribute name after ']'"),
                arguments("emails[type eq \"work\"].value.x", 22, "expected a sub-attribute name after ']'"),
                arguments("emails[type eq \"work\"].value extra", 29, "expected end of path, found 'extra'"),
                arguments("name.givenName extra", 15, "expected '[' or end of path"),
                arguments("name.givenName[value eq \"x\"]", 0, "expected a multi-valued attribute name before '['"),
                arguments(ENTERPRISE_USER + "[value eq \"x\"]", 0, "expected a multi-valued attribute name before '['"),
                arguments(ENTERPRISE_USER + " extra", ENTERPRISE_USER.length() + 1, "expected end of path"),
                arguments("name.given.name", 0, "invalid attribute path"),
                arguments("members[value eq \"x\"", 20, "found end of input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatchPaths")
    void rejectsInvalidPatchPath(String path, int position, String messageFragment) {
        assertThatThrownBy(() -> parser.parsePatchPath(path)).isInstanceOfSatisfying(FilterParseException.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).contains(messageFragment);
        });
    }
}
