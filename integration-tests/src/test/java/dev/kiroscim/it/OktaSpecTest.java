package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Okta's own SCIM 2.0 SPEC test (12 requests, 52 assertions, the Groups script) against a fresh server on
 * each backend. Each step is a container; inside it the request and then each assertion show up by name.
 */
class OktaSpecTest {

    static final int EXPECTED_REQUESTS = 12;
    static final int EXPECTED_ASSERTIONS = 52;

    @TestFactory
    Stream<DynamicNode> oktaSpecTestOnH2() throws IOException {
        return specTest(Backend.H2);
    }

    @TestFactory
    Stream<DynamicNode> oktaSpecTestOnPostgres() throws IOException {
        return specTest(Backend.POSTGRES);
    }

    private static Stream<DynamicNode> specTest(Backend backend) throws IOException {
        JsonNode spec = Json.MAPPER.readTree(Files.readString(specFile()));
        KiroServer server = KiroServer.start(backend); // PostgreSQL missing: skipped (or failed on CI) here
        try {
            seedPrecondition(ScimClient.bearer(server));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        OktaSpecRunner runner = new OktaSpecRunner(server.scimUri(), "Bearer " + server.token());
        List<DynamicNode> nodes = new ArrayList<>();
        int stepNumber = 0;
        for (JsonNode step : spec.path("steps")) {
            if (!"request".equals(step.path("step_type").asText())
                    || step.path("skipped").asBoolean()) {
                continue; // pauses only wait; Okta's own runner does the same in effect
            }
            stepNumber++;
            nodes.add(stepContainer(stepNumber, step, runner));
        }
        nodes.add(DynamicTest.dynamicTest(
                "all " + EXPECTED_REQUESTS + " requests and " + EXPECTED_ASSERTIONS + " assertions ran", () -> {
                    assertThat(runner.requestsExecuted())
                            .as("requests executed")
                            .isEqualTo(EXPECTED_REQUESTS);
                    assertThat(runner.assertionsExecuted())
                            .as("assertions executed")
                            .isEqualTo(EXPECTED_ASSERTIONS);
                }));
        return nodes.stream().onClose(server::close);
    }

    private static DynamicContainer stepContainer(int number, JsonNode step, OktaSpecRunner runner) {
        AtomicReference<OktaSpecRunner.Exchange> exchange = new AtomicReference<>();
        List<DynamicNode> tests = new ArrayList<>();
        String request = step.path("method").asText() + " " + step.path("url").asText();
        tests.add(DynamicTest.dynamicTest("send " + request, () -> exchange.set(runner.execute(step))));
        int index = 0;
        for (JsonNode assertion : step.path("assertions")) {
            index++;
            tests.add(DynamicTest.dynamicTest(
                    "assertion " + index + ": " + OktaSpecRunner.describe(assertion),
                    () -> runner.check(assertion, exchange.get())));
        }
        for (JsonNode script : step.path("scripts")) {
            if (script.asText().contains("Array.isArray(res)")) {
                tests.add(DynamicTest.dynamicTest(
                        "script: Resources is an array when totalResults >= 1",
                        () -> runner.checkGroupsScript(exchange.get())));
            } else if (!script.asText().isBlank()) {
                tests.add(DynamicTest.dynamicTest("script", () -> {
                    throw new AssertionError(
                            "unknown script in step " + number + ", re-implement it:\n" + script.asText());
                }));
            }
        }
        return DynamicContainer.dynamicContainer(
                "step " + number + ": " + step.path("note").asText().strip(), tests.stream());
    }

    /** "Create at least one user" (Okta's precondition); one group too, so the Groups script sees a non-empty list. */
    private static void seedPrecondition(ScimClient scim) {
        String userId = scim.createUser(Bodies.uniqueUserName("Okta.Seed"));
        scim.createGroup("Okta Seed Group " + Bodies.unique(), userId);
    }

    /**
     * {@code ${kiro.sharedDir}/fixtures/okta-scim-20-spec-test.json} ({@link SharedFixtures}): absent in a clone of
     * the repository alone, where this test skips with a message (and fails under {@code CI=true}).
     */
    static Path specFile() {
        return SharedFixtures.require("okta-scim-20-spec-test.json");
    }
}
