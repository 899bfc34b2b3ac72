package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scim.patchResponse: no-content} (docs/idp-quirks.md §O8): PATCH answers 204 with no body, for users and groups,
 * as the reference Postman and SAP suites assert; the change is still applied. The default (200 + resource) is
 * {@code IdpChecklistContract.O8_patchAnswers200WithTheFullResourceByDefault}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchNoContentTest {

    private KiroServer server;
    private ScimClient scim;

    @BeforeAll
    void start() {
        server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml("scim:\n  patchResponse: no-content\n"));
        scim = ScimClient.bearer(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void patchAnswers204WithoutBodyAndStillApplies(String endpoint) {
        boolean users = endpoint.equals("/Users");
        String member = scim.createUser(Bodies.uniqueUserName("nocontent"));
        String id = users ? member : scim.createGroup("nocontent-" + Bodies.unique());
        String operation = users
                ? "{\"op\":\"replace\",\"value\":{\"active\":false}}"
                : "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}";
        ScimResponse patched =
                scim.patch(endpoint + "/" + id, Bodies.patch(operation)).expectStatus(204);
        assertThat(patched.body()).isEmpty();
        ScimResponse read = scim.get(endpoint + "/" + id).expectStatus(200);
        if (users) {
            read.assertText("active").isEqualTo("false");
        } else {
            read.assertTexts("members", "value").containsExactly(member);
        }
    }
}
