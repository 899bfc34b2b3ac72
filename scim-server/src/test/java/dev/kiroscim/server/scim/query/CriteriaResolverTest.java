package dev.kiroscim.server.scim.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter text → storage criteria, printed compactly: {@code col:NAME} a resource column, {@code idx:path} the
 * attribute index, {@code rel:NAME} a column of the related resource (a user's groups), {@code member} a membership id.
 */
class CriteriaResolverTest {

    private static final FilterParser PARSER = new FilterParser(ScimSchemas.KNOWN_URNS);

    static Stream<Arguments> users() {
        return Stream.of(
                Arguments.of("userName eq \"Alice\"", "(col:USER_NAME EQ Alice:String)"),
                Arguments.of("USERNAME Eq \"Alice\"", "(col:USER_NAME EQ Alice:String)"),
                Arguments.of("active eq \"True\"", "(col:ACTIVE EQ true:Boolean)"),
                Arguments.of("active eq false", "(col:ACTIVE EQ false:Boolean)"),
                Arguments.of(
                        "meta.lastModified gt \"2026-01-01T00:00:00+01:00\"",
                        "(col:LAST_MODIFIED GT 2025-12-31T23:00:00Z:Instant)"),
                Arguments.of("title pr", "(pr idx:title)"),
                Arguments.of("emails co \"@x\"", "(idx:emails.value CO @x:String)"),
                Arguments.of("emails[type eq \"work\"]", "(element emails (idx:emails.type EQ work:String))"),
                Arguments.of("groups.display ne \"G\"", "(not (membership (rel:DISPLAY_NAME EQ G:String)))"),
                Arguments.of("title eq null", "(idx:title EQ null)"),
                Arguments.of(
                        "not (userName sw \"a\") and title pr",
                        "(and (not (col:USER_NAME SW a:String)) (pr idx:title))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void userFilters(String filter, String expected) {
        assertThat(print(new CriteriaResolver(FieldCatalog.USERS).resolve(parse(filter))))
                .isEqualTo(expected);
    }

    static Stream<Arguments> groups() {
        return Stream.of(
                Arguments.of("displayName eq \"Eng\"", "(col:DISPLAY_NAME EQ Eng:String)"),
                Arguments.of("members[value eq \"u1\"]", "(membership (member EQ u1:String))"),
                Arguments.of("members.value eq \"u1\"", "(member EQ u1:String)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void groupFilters(String filter, String expected) {
        assertThat(print(new CriteriaResolver(FieldCatalog.GROUPS).resolve(parse(filter))))
                .isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("nickname2 eq \"x\"", "unknown attribute"),
                Arguments.of("active gt true", "booleans support only eq and ne"),
                Arguments.of("active eq \"yes\"", "expected true or false"),
                Arguments.of("meta.lastModified gt \"yesterday\"", "expected an RFC 3339 date-time"),
                Arguments.of("meta.lastModified co \"2026\"", "works on strings only"),
                Arguments.of("title gt null", "is not a comparison"),
                Arguments.of("name[givenName eq \"a\"]", "not a multi-valued complex attribute"),
                Arguments.of("emails[label eq \"a\"]", "has no sub-attribute 'label'"),
                Arguments.of("name eq \"a\"", "cannot be filtered on"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void unevaluableFiltersAre400InvalidFilter(String filter, String detail) {
        assertThatThrownBy(() -> new CriteriaResolver(FieldCatalog.USERS).resolve(parse(filter)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.detail()).contains(detail);
                });
    }

    private static Filter parse(String text) {
        try {
            return PARSER.parseFilter(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String print(Criteria criteria) {
        if (criteria instanceof Criteria.And and) {
            return "(and " + print(and.left()) + " " + print(and.right()) + ")";
        } else if (criteria instanceof Criteria.Or or) {
            return "(or " + print(or.left()) + " " + print(or.right()) + ")";
        } else if (criteria instanceof Criteria.Not not) {
            return "(not " + print(not.inner()) + ")";
        } else if (criteria instanceof Criteria.Present present) {
            return "(pr " + print(present.field()) + ")";
        } else if (criteria instanceof Criteria.Element element) {
            return "(element " + element.attributePath() + " " + print(element.inner()) + ")";
        } else if (criteria instanceof Criteria.Membership membership) {
            return "(membership " + print(membership.inner()) + ")";
        } else if (criteria instanceof Criteria.Compare compare) {
            Object v = compare.value();
            return "(" + print(compare.field()) + " " + compare.op() + " "
                    + (v == null ? "null" : v + ":" + v.getClass().getSimpleName()) + ")";
        }
        return criteria.toString();
    }

    private static String print(Field field) {
        if (field instanceof Field.Column column) {
            return "col:" + column.column();
        } else if (field instanceof Field.Indexed indexed) {
            return "idx:" + indexed.path();
        } else if (field instanceof Field.Related related) {
            return "rel:" + related.column();
        }
        return "member";
    }
}
