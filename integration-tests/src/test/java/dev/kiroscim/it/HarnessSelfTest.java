package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the harness itself, without a server: property paths, query encoding, and the Okta file's shape. */
class HarnessSelfTest {

    private static final JsonNode DOC = Json.parse("""
            {"Resources":[{"name":{"familyName":"Doe"},"emails":[{"value":"a@b.c"}]}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"totalResults":1}""");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "Resources[0].name.familyName, Doe",
        "Resources[0].emails[0].value, a@b.c",
        "totalResults, 1",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department, R&D",
        "Resources[1].name, <absent>",
        "nope.deeper, <absent>"
    })
    void propertyPathsResolve(String path, String expected) {
        JsonNode node = PropertyPath.resolve(DOC, path);
        assertThat(node.isMissingNode() ? "<absent>" : node.asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://h/scim/v2/Users?count=1&startIndex=1 | http://h/scim/v2/Users?count=1&startIndex=1",
                "http://h/Users?filter=userName eq \"a+b@x.com\" | http://h/Users?filter=userName%20eq%20%22a%2Bb%40x.com%22",
                "http://h/Groups | http://h/Groups"
            })
    void queryValuesAreUrlEncoded(String url, String expected) {
        assertThat(OktaSpecRunner.encodeQuery(url)).isEqualTo(expected);
    }

    @Test
    void oktaSpecFileHasTwelveRequestsAndFiftyTwoAssertionsOfKnownKinds() throws Exception {
        JsonNode spec = Json.MAPPER.readTree(Files.readString(OktaSpecTest.specFile()));
        int requests = 0;
        int assertions = 0;
        for (JsonNode step : spec.path("steps")) {
            if ("request".equals(step.path("step_type").asText())) {
                requests++;
                for (JsonNode assertion : step.path("assertions")) {
                    assertions++;
                    assertThat(assertion.path("comparison").asText())
                            .isIn(
                                    "equal_number",
                                    "equal",
                                    "not_empty",
                                    "has_value",
                                    "contains",
                                    "is_a_number",
                                    "is_less_than");
                    assertThat(assertion.path("source").asText())
                            .isIn(Set.of("response_status", "response_json", "response_time"));
                }
            }
        }
        assertThat(requests).isEqualTo(OktaSpecTest.EXPECTED_REQUESTS);
        assertThat(assertions).isEqualTo(OktaSpecTest.EXPECTED_ASSERTIONS);
    }
}
