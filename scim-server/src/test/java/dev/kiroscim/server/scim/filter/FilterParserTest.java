package dev.kiroscim.server.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private final FilterParser parser = new FilterParser(Set.of(CORE_USER, CORE_GROUP, ENTERPRISE_USER));

    static Stream<Arguments> validFilters() {
        return Stream.of(
                // every operator (RFC 7644 §3.4.2.2 table)
                arguments("userName eq \"bjensen\"", "userName eq \"bjensen\""),
                arguments("title ne \"CEO\"", "title ne \"CEO\""),
                arguments("name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\""),
                arguments("userName sw \"J\"", "userName sw \"J\""),
                arguments("userName ew \"sen\"", "userName ew \"sen\""),
                arguments(
                        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
                arguments(
                        "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
                        "meta.lastModified ge \"2011-05-13T04:42:34Z\""),
                arguments(
                        "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
                        "meta.lastModified lt \"2011-05-13T04:42:34Z\""),
                arguments(
                        "meta.lastModified le \"2011-05-13T04:42:34Z\"",
                        "meta.lastModified le \"2011-05-13T04:42:34Z\""),
                arguments("title pr", "title pr"),
                // keywords and operators in any case; attribute names kept as written
                arguments("userName Eq \"x\"", "userName eq \"x\""),
                arguments("title PR", "title pr"),
                arguments("userName EQ \"a\" AND active eq true", "(userName eq \"a\" and active eq true)"),
                arguments("a eq 1 Or b eq 2", "(a eq 1 or b eq 2)"),
                arguments("DisplayName eq \"Group A\"", "DisplayName eq \"Group A\""),
                arguments("ActiVe eq true", "ActiVe eq true"),
                // precedence: not > and > or, both left-associative
                arguments(
                        "title pr or userType eq \"Employee\" and active eq true",
                        "(title pr or (userType eq \"Employee\" and active eq true))"),
                arguments(
                        "title pr and userType eq \"Employee\" or active eq true",
                        "((title pr and userType eq \"Employee\") or active eq true)"),
                arguments("a pr or b pr or c pr", "((a pr or b pr) or c pr)"),
                arguments("a pr and b pr and c pr", "((a pr and b pr) and c pr)"),
                arguments("a pr or b pr and c pr or d pr", "((a pr or (b pr and c pr)) or d pr)"),
                arguments("a pr or not (b pr) and c pr", "(a pr or (not (b pr) and c pr))"),
                // parentheses and not
                arguments("(a pr or b pr) and c pr", "((a pr or b pr) and c pr)"),
                arguments("((userName eq \"x\"))", "userName eq \"x\""),
                arguments("(a pr)and(b pr)", "(a pr and b pr)"),
                arguments("not (userName eq \"x\")", "not (userName eq \"x\")"),
                arguments("not(userName eq \"x\")", "not (userName eq \"x\")"),
                arguments("NOT (a pr or b pr)", "not (a pr or b pr)"),
                arguments("not (a pr) and b pr", "(not (a pr) and b pr)"),
                arguments("not (not (a pr))", "not (not (a pr))"),
                arguments(
                        "userName eq \"x\" and not (active eq false)", "(userName eq \"x\" and not (active eq false))"),
                // RFC 7644 §3.4.2.2 examples
                arguments(
                        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        "(userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\"))"),
                arguments(
                        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        "(userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\"))"),
                arguments(
                        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        "(userType eq \"Employee\" and emails[(type eq \"work\" and value co \"@example.com\")])"),
                arguments(
                        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        "(emails[(type eq \"work\" and value co \"@example.com\")] or ims[(type eq \"xmpp\" and value co \"@foo.com\")])"),
                // value paths
                arguments("emails[type eq \"work\"]", "emails[type eq \"work\"]"),
                arguments(
                        "emails[type eq \"work\" or type eq \"home\" and primary eq true]",
                        "emails[(type eq \"work\" or (type eq \"home\" and primary eq true))]"),
                arguments("emails[not (type eq \"work\")]", "emails[not (type eq \"work\")]"),
                arguments(
                        "emails[(type eq \"work\" or type eq \"home\") and value pr]",
                        "emails[((type eq \"work\" or type eq \"home\") and value pr)]"),
                arguments("members[$ref eq \"https://x/Users/1\"]", "members[$ref eq \"https://x/Users/1\"]"),
                // Entra's emails[...].value form, desugared
                arguments(
                        "emails[type eq \"work\"].value eq \"a@b.c\"",
                        "emails[(type eq \"work\" and value eq \"a@b.c\")]"),
                arguments(
                        "emails[type eq \"work\"].value eq \"a@b.c\" or userName eq \"z\"",
                        "(emails[(type eq \"work\" and value eq \"a@b.c\")] or userName eq \"z\")"),
                arguments("emails[type eq \"work\"].value pr", "emails[(type eq \"work\" and value pr)]"),
                // URN paths: known prefixes are matched case-insensitively and printed in their registered spelling
                arguments(ENTERPRISE_USER + ":employeeNumber eq \"1\"", ENTERPRISE_USER + ":employeeNumber eq \"1\""),
                arguments(ENTERPRISE_USER + ":manager.value eq \"m1\"", ENTERPRISE_USER + ":manager.value eq \"m1\""),
                arguments(
                        "URN:IETF:params:scim:schemas:extension:enterprise:2.0:user:department eq \"R&D\"",
                        ENTERPRISE_USER + ":department eq \"R&D\""),
                arguments(CORE_USER + ":name.familyName eq \"x\"", CORE_USER + ":name.familyName eq \"x\""),
                arguments(
                        "urn:example:custom:2.0:Thing:color eq \"red\"",
                        "urn:example:custom:2.0:Thing:color eq \"red\""),
                arguments(ENTERPRISE_USER + ":emails[type eq \"work\"]", ENTERPRISE_USER + ":emails[type eq \"work\"]"),
                // $ref, booleans in any case, null, lenient unquoted literals
                arguments("members.$ref eq \"https://x/Users/1\"", "members.$ref eq \"https://x/Users/1\""),
                arguments("active eq True", "active eq true"),
                arguments("active eq FALSE", "active eq false"),
                arguments("roles[primary eq \"True\"]", "roles[primary eq \"True\"]"),
                arguments("manager eq null", "manager eq null"),
                arguments("userName eq alice", "userName eq \"alice\""),
                arguments("emails[type eq work]", "emails[type eq \"work\"]"),
                arguments("externalId eq 007", "externalId eq \"007\""),
                // JSON string escapes
                arguments("userName eq \"say \\\"hi\\\"\"", "userName eq \"say \\\"hi\\\"\""),
                arguments("userName eq \"back\\\\slash\"", "userName eq \"back\\\\slash\""),
                arguments("userName eq \"\\u00e9t\\u00E9\"", "userName eq \"été\""),
                arguments("userName eq \"a\\/b\\tc\"", "userName eq \"a/b\\tc\""),
                arguments("userName eq \"a and b or (c)\"", "userName eq \"a and b or (c)\""),
                // numbers
                arguments("age eq 42", "age eq 42"),
                arguments("score gt -1.5", "score gt -1.5"),
                arguments("size lt 1e3", "size lt 1E+3"),
                arguments("x eq 0", "x eq 0"),
                // whitespace: '+' decoded to spaces by the HTTP layer, tabs
                arguments("userName  eq  \"a\"   and  active eq true", "(userName eq \"a\" and active eq true)"),
                arguments("  userName\teq\t\"a\"  ", "userName eq \"a\""),
                arguments(
                        "id eq \"2819c223-7f76-453a-919d-413861904646\" and manager eq \"x\"",
                        "(id eq \"2819c223-7f76-453a-919d-413861904646\" and manager eq \"x\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void parsesValidFilterToCanonicalForm(String filter, String canonical) throws FilterParseException {
        Filter parsed = parser.parseFilter(filter);

        assertThat(parsed).hasToString(canonical);
        assertThat(parser.parseFilter(canonical))
                .as("canonical form parses to the same tree")
                .isEqualTo(parsed);
    }

    static Stream<Arguments> invalidFilters() {
        String enterpriseOnly = ENTERPRISE_USER + " eq \"x\"";
        return Stream.of(
                arguments("", 0, "filter is empty"),
                arguments("   ", 3, "filter is empty"),
                arguments("userName", 8, "expected an operator after 'userName', found end of input"),
                arguments("userName xx \"a\"", 9, "expected an operator after 'userName', found 'xx'"),
                arguments("userName eq", 11, "expected a value after 'eq'"),
                arguments("userName eq and active eq true", 12, "expected a value after 'eq', found 'and'"),
                arguments("userName eq )", 12, "expected a value after 'eq'"),
                arguments("userName eq \"a\" and", 19, "expected an attribute path, '(' or 'not' after 'and'"),
                arguments("userName eq \"a\" or", 18, "expected an attribute path, '(' or 'not' after 'or'"),
                arguments("and userName eq \"x\"", 0, "expected an attribute path, '(' or 'not'"),
                arguments("\"userName\" eq \"x\"", 0, "expected an attribute path, '(' or 'not'"),
                arguments(
                        "userName eq \"a\" garbage here", 16, "expected 'and', 'or' or end of filter, found 'garbage'"),
                arguments("userName eq \"a\")", 15, "expected 'and', 'or' or end of filter, found ')'"),
                arguments("emails[type eq \"work\"]]", 22, "expected 'and', 'or' or end of filter"),
                arguments("userName eq \"abc", 12, "unterminated string"),
                arguments("userName eq \"a\\x\"", 14, "invalid escape '\\x'"),
                arguments("userName eq \"\\u12\"", 13, "expected 4 hex digits"),
                arguments("emails[type eq \"work\"", 21, "expected 'and', 'or' or ']', found end of input"),
                arguments("(userName eq \"a\"", 16, "expected 'and', 'or' or ')', found end of input"),
                arguments("userName eq \"a\" and (", 21, "expected an attribute path, '(' or 'not' after '('"),
                arguments("()", 1, "expected an attribute path, '(' or 'not' after '('"),
                arguments("emails[]", 7, "expected an attribute path, '(' or 'not' after '['"),
                arguments("emails[type[value eq \"x\"] eq \"a\"]", 11, "value filters in brackets may not nest"),
                arguments("not userName eq \"x\"", 4, "expected '(' after 'not', found 'userName'"),
                arguments("not", 3, "expected '(' after 'not', found end of input"),
                arguments("user@name eq \"x\"", 0, "invalid attribute path 'user@name'"),
                arguments("name.family.name eq \"x\"", 0, "invalid attribute path"),
                arguments("name. eq \"x\"", 0, "invalid attribute path"),
                arguments("emails[value.x eq \"a\"]", 7, "expected a plain sub-attribute name inside '[...]'"),
                arguments(
                        enterpriseOnly,
                        ENTERPRISE_USER.length(),
                        "expected ':' and an attribute name after schema URN"),
                arguments("emails[type eq \"work\"].value", 28, "expected an operator after '.value'"),
                arguments("emails[type eq \"work\"].value.x eq \"a\"", 22, "expected a sub-attribute name after ']'"),
                arguments("name.givenName[type eq \"x\"]", 0, "expected a multi-valued attribute name before '['"),
                arguments("userName\u0001eq \"a\"", 8, "unexpected control character U+0001"),
                arguments("size gt 1e999999999999", 8, "is out of range"),
                arguments("size gt 1e999999999", 8, "is out of range"),
                arguments("size gt 1e-1001", 8, "is out of range"),
                arguments("userName eq \"a\\u0000\"", 12, "the literal holds a control character U+0000 at position 1"),
                arguments("userName eq \"a\u0000\"", 12, "the literal holds a control character U+0000"),
                arguments("userName eq \"\\ud800\"", 12, "unpaired surrogate U+D800"),
                arguments("userName eq a\u007Fb", 12, "control character U+007F"),
                arguments(
                        named("4097 characters", "userName eq \"" + "a".repeat(4083) + "\""),
                        4096,
                        "filter is 4097 characters long, more than the maximum of 4096"),
                arguments(
                        named("21 nested parentheses", "(".repeat(21) + "a pr" + ")".repeat(21)),
                        20,
                        "filter nests deeper than 20 levels"),
                arguments(
                        named("11 nested not (22 levels)", "not (".repeat(11) + "a pr" + ")".repeat(11)),
                        50,
                        "filter nests deeper than 20 levels"),
                arguments(
                        named("101 comparisons", "a pr and ".repeat(100) + "a pr"),
                        900,
                        "filter has more than 100 comparisons"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilters")
    void rejectsInvalidFilterWithPosition(String filter, int position, String messageFragment) {
        assertThatThrownBy(() -> parser.parseFilter(filter)).isInstanceOfSatisfying(FilterParseException.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).contains(messageFragment).endsWith(" at position " + position);
        });
    }

    @Test
    void andBindsTighterThanOr_scimpleM1Defect() throws FilterParseException {
        Filter parsed = parser.parseFilter("title pr or userType eq \"Employee\" and active eq true");

        assertThat(parsed)
                .isEqualTo(new Filter.Or(
                        new Filter.Present(AttributePath.of("title")),
                        new Filter.And(
                                new Filter.Compare(
                                        AttributePath.of("userType"), CompareOp.EQ, new FilterValue.Str("Employee")),
                                new Filter.Compare(
                                        AttributePath.of("active"), CompareOp.EQ, new FilterValue.Bool(true)))));
    }

    @Test
    void textAfterValuePathIsParsedNotDropped_scimpleM1Defect() throws FilterParseException {
        Filter parsed = parser.parseFilter("emails[type eq \"work\"].value eq \"a@b.c\" or userName eq \"z\"");

        assertThat(parsed)
                .isEqualTo(new Filter.Or(
                        new Filter.ValuePath(
                                AttributePath.of("emails"),
                                new Filter.And(
                                        new Filter.Compare(
                                                AttributePath.of("type"), CompareOp.EQ, new FilterValue.Str("work")),
                                        new Filter.Compare(
                                                AttributePath.of("value"),
                                                CompareOp.EQ,
                                                new FilterValue.Str("a@b.c")))),
                        new Filter.Compare(AttributePath.of("userName"), CompareOp.EQ, new FilterValue.Str("z"))));
    }

    @Test
    void textAfterValuePathThatIsNotAFilterIsRejected_scimpleM1Defect() {
        assertThatThrownBy(() -> parser.parseFilter("emails[type eq \"work\"] userName eq \"z\""))
                .isInstanceOf(FilterParseException.class)
                .hasMessage("expected 'and', 'or' or end of filter, found 'userName' at position 23");
    }

    @Test
    void refIsAValidSubAttribute_scimpleM1Defect() throws FilterParseException {
        assertThat(parser.parseFilter("members.$ref eq \"https://x/Groups/1\""))
                .isEqualTo(new Filter.Compare(
                        new AttributePath(null, "members", "$ref"),
                        CompareOp.EQ,
                        new FilterValue.Str("https://x/Groups/1")));
    }

    @Test
    void capitalisedBooleansAreBooleans_scimpleM1Defect() throws FilterParseException {
        assertThat(parser.parseFilter("active eq True and primary eq FALSE"))
                .isEqualTo(new Filter.And(
                        new Filter.Compare(AttributePath.of("active"), CompareOp.EQ, new FilterValue.Bool(true)),
                        new Filter.Compare(AttributePath.of("primary"), CompareOp.EQ, new FilterValue.Bool(false))));
    }

    @Test
    void invalidFilterPrintsNothing_scimpleM1Defect() {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try {
            System.setErr(capture);
            System.setOut(capture);
            assertThatThrownBy(() -> parser.parseFilter("userName eq \"a\" garbage ) ] ["))
                    .isInstanceOf(FilterParseException.class);
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    static Stream<Arguments> valueTypes() {
        return Stream.of(
                arguments("x eq \"1\"", new FilterValue.Str("1")),
                arguments("x eq 1", new FilterValue.Num(new BigDecimal("1"))),
                arguments("x eq -0.25e-2", new FilterValue.Num(new BigDecimal("-0.25e-2"))),
                arguments("x eq true", new FilterValue.Bool(true)),
                arguments("x eq \"true\"", new FilterValue.Str("true")),
                arguments("x eq fAlSe", new FilterValue.Bool(false)),
                arguments("x eq null", new FilterValue.Null()),
                arguments("x eq NULL", new FilterValue.Null()),
                arguments("x eq \"null\"", new FilterValue.Str("null")),
                arguments("x eq bare-word@example.com", new FilterValue.Str("bare-word@example.com")),
                arguments("x eq \"\"", new FilterValue.Str("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueTypes")
    void parsesValueWithItsJsonType(String filter, FilterValue expected) throws FilterParseException {
        assertThat(((Filter.Compare) parser.parseFilter(filter)).value()).isEqualTo(expected);
    }

    static Stream<Arguments> attributePaths() {
        return Stream.of(
                arguments("userName", new AttributePath(null, "userName", null)),
                arguments("name.familyName", new AttributePath(null, "name", "familyName")),
                arguments("meta.lastModified", new AttributePath(null, "meta", "lastModified")),
                arguments("members.$ref", new AttributePath(null, "members", "$ref")),
                arguments("user_name-2", new AttributePath(null, "user_name-2", null)),
                arguments(
                        ENTERPRISE_USER + ":employeeNumber",
                        new AttributePath(ENTERPRISE_USER, "employeeNumber", null)),
                arguments(ENTERPRISE_USER + ":manager.value", new AttributePath(ENTERPRISE_USER, "manager", "value")),
                arguments(
                        ENTERPRISE_USER.toUpperCase() + ":manager",
                        new AttributePath(ENTERPRISE_USER, "manager", null)),
                arguments(CORE_GROUP + ":displayName", new AttributePath(CORE_GROUP, "displayName", null)),
                arguments(
                        "urn:example:unknown:2.0:User:manager.value",
                        new AttributePath("urn:example:unknown:2.0:User", "manager", "value")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributePaths")
    void splitsAttributePath(String path, AttributePath expected) throws FilterParseException {
        assertThat(((Filter.Present) parser.parseFilter(path + " pr")).path()).isEqualTo(expected);
    }

    @Test
    void longestKnownSchemaUrnWins() throws FilterParseException {
        FilterParser nested = new FilterParser(Set.of("urn:example:a", "urn:example:a:b"));

        assertThat(((Filter.Present) nested.parseFilter("urn:example:a:b:c.d pr")).path())
                .isEqualTo(new AttributePath("urn:example:a:b", "c", "d"));
        assertThat(((Filter.Present) nested.parseFilter("urn:example:a:x pr")).path())
                .isEqualTo(new AttributePath("urn:example:a", "x", null));
    }

    @Test
    void parserWithoutKnownUrnsSplitsAtLastColon() throws FilterParseException {
        FilterParser bare = new FilterParser(Collections.emptySet());

        assertThat(((Filter.Present) bare.parseFilter(ENTERPRISE_USER + ":manager.value pr")).path())
                .isEqualTo(new AttributePath(ENTERPRISE_USER, "manager", "value"));
    }

    @Test
    void acceptsFiltersAtEachBound() throws FilterParseException {
        String longest = "userName eq \"" + "a".repeat(4082) + "\"";
        String deepest = "(".repeat(20) + "a pr" + ")".repeat(20);
        String mostComparisons =
                IntStream.range(0, 100).mapToObj(i -> "a" + i + " pr").collect(Collectors.joining(" or "));

        assertThat(longest).hasSize(FilterParser.MAX_FILTER_LENGTH);
        assertThat(parser.parseFilter(longest)).isInstanceOf(Filter.Compare.class);
        assertThat(parser.parseFilter(deepest)).isEqualTo(new Filter.Present(AttributePath.of("a")));
        assertThat(parser.parseFilter(mostComparisons))
                .hasToString("(".repeat(99)
                        + IntStream.range(0, 100)
                                .mapToObj(i -> "a" + i + " pr" + (i == 0 ? "" : ")"))
                                .collect(Collectors.joining(" or ")));
    }

    @Test
    void entraValuePathCountsTowardsComparisonLimit() {
        String filter = "a pr and ".repeat(99) + "emails[type eq \"work\"].value eq \"x\"";

        assertThatThrownBy(() -> parser.parseFilter(filter))
                .isInstanceOf(FilterParseException.class)
                .hasMessageContaining("more than 100 comparisons");
    }
}
