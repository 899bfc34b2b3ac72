package dev.kiroscim.server.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.explain.Check;
import dev.kiroscim.core.explain.Explanation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explain view: the JSON the admin API serves, and the lines the CLI prints from that JSON. */
class ExplainRenderingTest {

    private static final Explanation ANN = new Explanation(
            "ann@example.com",
            "u1",
            "ann@example.com",
            "can sign in to Kiro",
            List.of(new Check(1, "SCIM user", Check.Outcome.OK, "active", Map.of("active", true))));

    @Test
    void json() {
        JsonNode json = ExplainRendering.json(ANN);
        assertThat(json.path("userId").asText()).isEqualTo("u1");
        assertThat(json.path("verdict").asText()).isEqualTo("can sign in to Kiro");
        assertThat(json.path("checks").get(0).path("outcome").asText()).isEqualTo("OK");
        assertThat(json.path("checks").get(0).path("evidence").path("active").asBoolean())
                .isTrue();
    }

    @Test
    void textFromTheJson() {
        assertThat(ExplainRendering.text(ExplainRendering.json(ANN)))
                .isEqualTo("ann@example.com: can sign in to Kiro\n  1 OK       SCIM user — active"
                        + System.lineSeparator());
    }

    @Test
    void anUnknownUserIsNamedByTheQuery() {
        Explanation nobody = new Explanation("zed@example.com", null, null, "no such SCIM user", List.of());
        assertThat(ExplainRendering.text(ExplainRendering.json(nobody)))
                .isEqualTo("zed@example.com: no such SCIM user\n");
    }
}
