package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listing (RFC 7644 §3.4.2.3 sorting, §3.4.2.4 paging, §3.4.2.5 projection, §3.4.3 {@code .search}).
 * Seven users with a per-class prefix are listed in pages; the union of the pages must be the full, stable list.
 */
abstract class ListingContract extends ScimContract {

    private static final int USERS = 7;
    private static final String[] FAMILY_NAMES = {"Moreau", "Adams", "Zhou", "Kowalski", "Baker", "Nakamura", "Ortiz"};

    private final String tag = "l" + Bodies.unique();
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void createUsers() {
        for (int i = 0; i < USERS; i++) {
            ObjectNode body = Bodies.user(tag + "-user" + i + "@example.com");
            ((ObjectNode) body.get("name")).put("familyName", FAMILY_NAMES[i]);
            ids.add(scim.createUser(body));
        }
    }

    private String scope() {
        return "userName sw \"" + tag + "-\"";
    }

    @Test
    void pagesAreStableAndTogetherListEveryUserOnce() {
        List<String> all = scim.get("/Users", "filter", scope(), "count", "50")
                .expectStatus(200)
                .texts("Resources", "id");
        assertThat(all).as("full listing").containsExactlyInAnyOrderElementsOf(ids);
        List<String> paged = new ArrayList<>();
        int[] expectedSizes = {3, 3, 1};
        for (int page = 0; page < 3; page++) {
            String startIndex = Integer.toString(1 + page * 3);
            ScimResponse response = scim.get("/Users", "filter", scope(), "startIndex", startIndex, "count", "3")
                    .expectStatus(200);
            response.assertText("totalResults").isEqualTo(Integer.toString(USERS));
            response.assertText("startIndex").isEqualTo(startIndex);
            response.assertText("itemsPerPage").isEqualTo(Integer.toString(expectedSizes[page]));
            assertThat(response.node("Resources").size())
                    .as("page %s\n%s", page, response.describe())
                    .isEqualTo(expectedSizes[page]);
            paged.addAll(response.texts("Resources", "id"));
        }
        assertThat(paged)
                .as("pages of 3 concatenated = the full listing in the same order")
                .containsExactlyElementsOf(all);
        List<String> again = scim.get("/Users", "filter", scope(), "count", "50")
                .expectStatus(200)
                .texts("Resources", "id");
        assertThat(again).as("the order is stable between calls").containsExactlyElementsOf(all);
    }

    @Test
    void pastTheEndIsAnEmptyPage() {
        ScimResponse response = scim.get("/Users", "filter", scope(), "startIndex", "100", "count", "3")
                .expectStatus(200);
        response.assertText("totalResults").isEqualTo(Integer.toString(USERS));
        response.assertText("itemsPerPage").isEqualTo("0");
        assertThat(response.node("Resources").size())
                .as("Resources\n%s", response.describe())
                .isZero();
    }

    @Test
    void countZeroReturnsOnlyTheTotal() {
        ScimResponse response =
                scim.get("/Users", "filter", scope(), "count", "0").expectStatus(200);
        response.assertText("totalResults").isEqualTo(Integer.toString(USERS));
        response.assertText("itemsPerPage").isEqualTo("0");
        assertThat(response.node("Resources").size())
                .as("Resources\n%s", response.describe())
                .isZero();
    }

    @Test
    void startIndexBelowOneIsTreatedAsOne() {
        ScimResponse response = scim.get("/Users", "filter", scope(), "startIndex", "0", "count", "2")
                .expectStatus(200);
        response.assertText("startIndex").isEqualTo("1");
        response.assertText("itemsPerPage").isEqualTo("2");
    }

    @Test
    void countIsCappedAtAdvertisedMaxResults() {
        int maxResults = scim.get("/ServiceProviderConfig")
                .expectStatus(200)
                .node("filter.maxResults")
                .asInt();
        assertThat(maxResults)
                .as("filter.maxResults small enough to prove the cap over HTTP")
                .isBetween(1, 2_000);
        String prefix = "cap" + Bodies.unique();
        for (int i = 0; i <= maxResults; i++) {
            scim.post("/Users", Bodies.user(prefix + "-" + i + "@example.com")).expectStatus(201);
        }
        ScimResponse response = scim.get(
                        "/Users",
                        "filter",
                        "userName sw \"" + prefix + "-\"",
                        "count",
                        Integer.toString(maxResults + 500))
                .expectStatus(200);
        response.assertText("totalResults").isEqualTo(Integer.toString(maxResults + 1));
        response.assertText("itemsPerPage").isEqualTo(Integer.toString(maxResults));
        assertThat(response.node("Resources").size()).as("Resources returned").isEqualTo(maxResults);
    }

    @Test
    void sortByAnySingleValuedAttributeInBothOrders() {
        List<String> expected = new ArrayList<>(List.of(FAMILY_NAMES));
        expected.sort(Comparator.naturalOrder());
        scim.get("/Users", "filter", scope(), "sortBy", "name.familyName")
                .expectStatus(200)
                .assertTexts("Resources", "name.familyName")
                .containsExactlyElementsOf(expected);
        scim.get("/Users", "filter", scope(), "sortBy", "name.familyName", "sortOrder", "ascending")
                .expectStatus(200)
                .assertTexts("Resources", "name.familyName")
                .containsExactlyElementsOf(expected);
        expected.sort(Comparator.reverseOrder());
        scim.get("/Users", "filter", scope(), "sortBy", "name.familyName", "sortOrder", "descending")
                .expectStatus(200)
                .assertTexts("Resources", "name.familyName")
                .containsExactlyElementsOf(expected);
        List<String> userNames = new ArrayList<>();
        for (int i = USERS - 1; i >= 0; i--) {
            userNames.add(tag + "-user" + i + "@example.com");
        }
        scim.get("/Users", "filter", scope(), "sortBy", "userName", "sortOrder", "descending")
                .expectStatus(200)
                .assertTexts("Resources", "userName")
                .containsExactlyElementsOf(userNames);
    }

    @Test
    void sortedPagesFollowTheSortOrder() {
        List<String> expected = new ArrayList<>(List.of(FAMILY_NAMES));
        expected.sort(Comparator.naturalOrder());
        ScimResponse second = scim.get(
                        "/Users", "filter", scope(), "sortBy", "name.familyName", "startIndex", "3", "count", "2")
                .expectStatus(200);
        second.assertTexts("Resources", "name.familyName").containsExactlyElementsOf(expected.subList(2, 4));
    }

    @Test
    void attributesProjectionOnGetById() {
        ScimResponse user =
                scim.get("/Users/" + ids.get(0), "attributes", "userName").expectStatus(200);
        user.assertText("id").isEqualTo(ids.get(0));
        user.assertText("userName").isEqualTo(tag + "-user0@example.com");
        user.assertText("name").isNull();
        user.assertText("emails").isNull();
        user.assertText("active").isNull();
    }

    @Test
    void excludedAttributesProjectionOnGetById() {
        ScimResponse user = scim.get("/Users/" + ids.get(0), "excludedAttributes", "emails,name")
                .expectStatus(200);
        user.assertText("id").isEqualTo(ids.get(0));
        user.assertText("userName").isNotNull();
        user.assertText("active").isNotNull();
        user.assertText("name").isNull();
        user.assertText("emails").isNull();
    }

    @Test
    void projectionOnLists() {
        ScimResponse listed = scim.get("/Users", "filter", scope(), "attributes", "userName,name.familyName")
                .expectStatus(200);
        listed.assertTexts("Resources", "userName").doesNotContainNull().hasSize(USERS);
        listed.assertTexts("Resources", "name.familyName").doesNotContainNull();
        listed.assertTexts("Resources", "name.givenName").containsOnlyNulls();
        listed.assertTexts("Resources", "emails").containsOnlyNulls();
        ScimResponse excluded = scim.get("/Users", "filter", scope(), "excludedAttributes", "emails")
                .expectStatus(200);
        excluded.assertTexts("Resources", "emails").containsOnlyNulls().hasSize(USERS);
        excluded.assertTexts("Resources", "userName").doesNotContainNull();
    }

    @Test
    void searchEndpointFiltersPagesSortsAndProjects() {
        ObjectNode search = FiltersContract.searchBody(scope());
        search.put("startIndex", 2)
                .put("count", 3)
                .put("sortBy", "name.familyName")
                .put("sortOrder", "descending");
        search.putArray("attributes").add("name.familyName");
        ScimResponse found =
                scim.post("/Users/.search", search).expectStatus(200).expectScimContentType();
        found.assertTexts("schemas", "").contains(ScimResponse.LIST_URN);
        found.assertText("totalResults").isEqualTo(Integer.toString(USERS));
        found.assertText("itemsPerPage").isEqualTo("3");
        List<String> expected = new ArrayList<>(List.of(FAMILY_NAMES));
        expected.sort(Comparator.reverseOrder());
        found.assertTexts("Resources", "name.familyName").containsExactlyElementsOf(expected.subList(1, 4));
        found.assertTexts("Resources", "emails").containsOnlyNulls();

        ObjectNode excluded = FiltersContract.searchBody(scope());
        excluded.putArray("excludedAttributes").add("emails");
        scim.post("/Users/.search", excluded)
                .expectStatus(200)
                .assertTexts("Resources", "emails")
                .containsOnlyNulls()
                .hasSize(USERS);
    }

    @Test
    void groupSearchAndMemberExclusion() {
        String displayName = "Listing " + tag;
        String groupId = scim.createGroup(displayName, ids.get(0), ids.get(1));
        ObjectNode search = FiltersContract.searchBody("displayName eq \"" + displayName + "\"");
        ScimResponse found = scim.post("/Groups/.search", search).expectStatus(200);
        found.assertText("totalResults").isEqualTo("1");
        found.assertTexts("Resources[0].members", "value").containsExactlyInAnyOrder(ids.get(0), ids.get(1));

        ScimResponse withoutMembers =
                scim.get("/Groups/" + groupId, "excludedAttributes", "members").expectStatus(200);
        withoutMembers.assertText("displayName").isEqualTo(displayName);
        withoutMembers.assertText("members").isNull();
        scim.get("/Groups", "filter", "displayName eq \"" + displayName + "\"", "excludedAttributes", "members")
                .expectStatus(200)
                .assertText("Resources[0].members")
                .isNull();
        scim.get("/Groups/" + groupId, "attributes", "displayName")
                .expectStatus(200)
                .assertText("members")
                .isNull();
    }
}
