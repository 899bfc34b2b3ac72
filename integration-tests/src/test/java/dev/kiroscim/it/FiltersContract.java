package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7644 §3.4.2.2 filters, evaluated by the server against four users made for this class.
 *
 * <p>Every filter {@code F} is sent as {@code (F) and userName sw "<tag>-"}, so other tests' users on the shared
 * server never match. The fixture is chosen so that each wrong reading gives a different set, e.g. for precedence:
 * <pre>
 * title pr or userType eq "Employee" and active eq true
 *   RFC:   title pr or (userType eq "Employee" and active eq true) → alice, dave
 *   wrong: (title pr or userType eq "Employee") and active eq true → alice
 * </pre>
 */
abstract class FiltersContract extends ScimContract {

    /** Unique per class instance (i.e. per backend). */
    private final String tag = "f" + Bodies.unique();

    private final Map<String, String> idsByName = new LinkedHashMap<>();
    private final Map<String, String> lastModifiedByName = new LinkedHashMap<>();

    private record Person(
            String name,
            String title,
            String userType,
            boolean active,
            String familyName,
            String department,
            String[][] emails) {}

    @BeforeAll
    void createFixtureUsers() {
        List<Person> people = List.of(
                new Person("alice", "Engineer", "Employee", true, "Anders", "R&D", new String[][] {
                    {"work", "@corp.example"}
                }),
                new Person("bob", null, "Employee", false, "Brown", "Sales", new String[][] {
                    {"home", "@corp.example"}, {"work", "@other.example"}
                }),
                new Person(
                        "carol", null, "Contractor", true, "Chen", "R&D", new String[][] {{"work", "@corp.example"}}),
                new Person("dave", "Manager", "Contractor", false, "Diaz", "Sales", new String[][] {
                    {"home", "@corp.example"}
                }));
        for (Person p : people) {
            ObjectNode body = Bodies.user(userName(p.name()));
            body.put("title", p.title());
            if (p.title() == null) {
                body.remove("title");
            }
            body.put("userType", p.userType())
                    .put("active", p.active())
                    .put("externalId", "ext-" + tag + "-" + p.name());
            ((ObjectNode) body.get("name")).put("familyName", p.familyName());
            ArrayNode emails = body.putArray("emails");
            for (String[] email : p.emails()) {
                emails.addObject().put("type", email[0]).put("value", tag + "-" + p.name() + email[1]);
            }
            body.withArray("schemas").add(Bodies.ENTERPRISE_URN);
            body.putObject(Bodies.ENTERPRISE_URN).put("department", p.department());
            ScimResponse created = scim.post("/Users", body).expectStatus(201);
            idsByName.put(p.name(), created.id());
            lastModifiedByName.put(p.name(), created.text("meta.lastModified"));
        }
    }

    private String userName(String name) {
        return tag + "-" + name + "@example.com";
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                // operators
                Arguments.of("title eq \"Engineer\"", "alice"),
                Arguments.of("userType ne \"Employee\"", "carol,dave"),
                Arguments.of("title co \"ngine\"", "alice"),
                Arguments.of("title sw \"Man\"", "dave"),
                Arguments.of("title ew \"neer\"", "alice"),
                Arguments.of("title pr", "alice,dave"),
                Arguments.of("title gt \"F\"", "dave"),
                Arguments.of("title ge \"Manager\"", "dave"),
                Arguments.of("title lt \"F\"", "alice"),
                Arguments.of("title le \"Engineer\"", "alice"),
                Arguments.of("active eq false", "bob,dave"),
                Arguments.of("name.familyName eq \"Chen\"", "carol"),
                Arguments.of("externalId eq \"ext-{tag}-bob\"", "bob"),
                Arguments.of(Bodies.ENTERPRISE_URN + ":department eq \"R&D\"", "alice,carol"),
                Arguments.of("meta.lastModified gt \"2000-01-01T00:00:00Z\"", "alice,bob,carol,dave"),
                Arguments.of("meta.lastModified lt \"2000-01-01T00:00:00Z\"", ""),
                // logic and precedence: not > and > or
                Arguments.of("userType eq \"Employee\" and active eq true", "alice"),
                Arguments.of("title pr or userType eq \"Employee\" and active eq true", "alice,dave"),
                Arguments.of("userType eq \"Contractor\" and active eq true or title eq \"Engineer\"", "alice,carol"),
                Arguments.of("(title pr or userType eq \"Employee\") and active eq true", "alice"),
                Arguments.of("not (title pr)", "bob,carol"),
                Arguments.of("not (active eq true) and userType eq \"Contractor\"", "dave"),
                Arguments.of("not (active eq true and userType eq \"Contractor\")", "alice,bob,dave"),
                // complex value paths: both conditions on the same element
                Arguments.of("emails[type eq \"work\" and value co \"corp\"]", "alice,carol"),
                Arguments.of("emails[type eq \"home\"]", "bob,dave"),
                Arguments.of("emails[not (type eq \"work\")]", "bob,dave"),
                // case-insensitive attribute names, operators, and userName / emails.value values
                Arguments.of("USERNAME eq \"{TAG}-ALICE@EXAMPLE.COM\"", "alice"),
                Arguments.of("userName EQ \"{tag}-Alice@Example.com\"", "alice"),
                Arguments.of("Emails.Value eq \"{TAG}-CAROL@CORP.EXAMPLE\"", "carol"),
                Arguments.of("emails.value eq \"{tag}-bob@other.example\"", "bob"),
                Arguments.of("ActiVe eq true and TITLE pr", "alice"));
    }

    @ParameterizedTest(name = "{0} → [{1}]")
    @MethodSource("filters")
    void filterSelectsExactlyTheExpectedUsers(String filter, String expectedNames) {
        assertFilterSelects(filter.replace("{tag}", tag).replace("{TAG}", tag.toUpperCase()), expectedNames);
    }

    @Test
    void idEqFindsTheUser() {
        assertFilterSelects("id eq \"" + idsByName.get("carol") + "\"", "carol");
    }

    @Test
    void datesCompareAsInstantsNotAsStrings() {
        // alice's lastModified written with a +05:00 offset is the same instant but sorts after it as a string.
        Instant instant = Instant.parse(lastModifiedByName.get("alice"));
        String sameInstantElsewhere =
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(5)));
        Set<String> ge = select("meta.lastModified ge \"" + sameInstantElsewhere + "\"");
        assertThat(ge)
                .as("meta.lastModified ge %s (= alice's own lastModified %s)", sameInstantElsewhere, instant)
                .contains("alice");
        Set<String> lt = select("meta.lastModified lt \"" + sameInstantElsewhere + "\"");
        assertThat(lt).as("meta.lastModified lt %s", sameInstantElsewhere).doesNotContain("alice");
    }

    @Test
    void valuePathFollowedByMoreFilterIsNotSilentlyTruncated() {
        // SCIMple M1 parsed this as just emails[type eq "work"] (alice, bob, carol). Either reject it or honour it all.
        String filter = "emails[type eq \"work\"].value eq \"" + tag + "-carol@corp.example\" or userName eq \""
                + userName("bob") + "\"";
        ScimResponse response = list(filter);
        if (response.status() == 400) {
            response.expectScimError(400, "invalidFilter");
        } else {
            response.expectStatus(200);
            assertThat(names(response))
                    .as("filter %s\n%s", filter, response.describe())
                    .containsExactlyInAnyOrder("bob", "carol");
        }
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                Arguments.of("garbage after a valid filter", "userName eq \"a\" garbage here"),
                Arguments.of("trailing operator", "userName eq \"a\" and"),
                Arguments.of("missing value", "userName eq"),
                Arguments.of("unknown operator", "userName xx \"a\""),
                Arguments.of("unclosed string", "userName eq \"a"),
                Arguments.of("unclosed parenthesis", "(userName eq \"a\""),
                Arguments.of("unclosed value path", "emails[type eq \"work\""),
                Arguments.of("unknown attribute", "noSuchAttribute eq \"x\""),
                Arguments.of("unknown sub-attribute", "name.noSuchPart eq \"x\""),
                Arguments.of("not without parentheses", "not userName eq \"a\""));
    }

    @ParameterizedTest(name = "{0}: {1} → 400 invalidFilter")
    @MethodSource("invalidFilters")
    void invalidFiltersGet400InvalidFilter(String why, String filter) {
        scim.get("/Users", "filter", filter).expectScimError(400, "invalidFilter");
        scim.post("/Users/.search", searchBody(filter)).expectScimError(400, "invalidFilter");
    }

    @Test
    void overLongFilterGets400() {
        StringBuilder filter = new StringBuilder("userName eq \"x\"");
        while (filter.length() < 100_000) {
            filter.append(" or userName eq \"x\"");
        }
        scim.post("/Users/.search", searchBody(filter.toString())).expectScimError(400, null);
    }

    @Test
    void deeplyNestedFilterGets400() {
        String filter = "(".repeat(2_000) + "userName eq \"x\"" + ")".repeat(2_000);
        scim.post("/Users/.search", searchBody(filter)).expectScimError(400, null);
    }

    @Test
    void noMatchIsAnEmptyListResponseNot404() {
        ScimResponse none = scim.get("/Users", "filter", "userName eq \"" + userName("nobody") + "\"")
                .expectStatus(200);
        none.assertTexts("schemas", "").contains(ScimResponse.LIST_URN);
        none.assertText("totalResults").isEqualTo("0");
        none.assertText("itemsPerPage").isEqualTo("0");
        assertThat(none.node("totalResults").isNumber())
                .as("totalResults is a number\n%s", none.describe())
                .isTrue();
    }

    @Test
    void groupDisplayNameComparesCaseInsensitively() {
        String displayName = "Filter Group " + tag;
        String id = scim.createGroup(displayName);
        ScimResponse found = scim.get("/Groups", "filter", "displayName eq \"" + displayName.toUpperCase() + "\"")
                .expectStatus(200);
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(id);
        found.assertText("Resources[0].displayName").isEqualTo(displayName);
    }

    @Test
    void groupsCanBeFoundByMember() {
        String member = idsByName.get("dave");
        String id = scim.createGroup("Members Group " + tag, member);
        ScimResponse found = scim.get("/Groups", "filter", "members.value eq \"" + member + "\"")
                .expectStatus(200);
        found.assertTexts("Resources", "id").contains(id);
    }

    private void assertFilterSelects(String filter, String expectedNames) {
        ScimResponse response = list(filter).expectStatus(200);
        List<String> expected = expectedNames.isEmpty() ? List.of() : List.of(expectedNames.split(","));
        assertThat(names(response))
                .as("users selected by filter %s\n%s", filter, response.describe())
                .containsExactlyInAnyOrderElementsOf(expected);
        response.assertText("totalResults").isEqualTo(Integer.toString(expected.size()));
    }

    private Set<String> select(String filter) {
        ScimResponse response = list(filter).expectStatus(200);
        return new TreeSet<>(names(response));
    }

    private ScimResponse list(String filter) {
        return scim.get("/Users", "filter", "(" + filter + ") and userName sw \"" + tag + "-\"", "count", "50");
    }

    private List<String> names(ScimResponse response) {
        List<String> names = new ArrayList<>();
        for (JsonNode user : response.node("Resources")) {
            String userName = user.path("userName").asText();
            String withoutTag = userName.substring(userName.indexOf('-') + 1);
            names.add(withoutTag.substring(0, withoutTag.indexOf('@')));
        }
        return names;
    }

    static ObjectNode searchBody(String filter) {
        ObjectNode search = Json.MAPPER.createObjectNode();
        search.putArray("schemas").add(Bodies.SEARCH_URN);
        search.put("filter", filter);
        return search;
    }
}
