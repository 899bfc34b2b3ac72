package dev.kiroscim.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.kiroscim.access");

    @Test
    void oneObjectPerLineWithTheFixedFieldsMdcAndKeyValuePairs() throws Exception {
        LoggingEvent event =
                new LoggingEvent("fqcn", logger, Level.INFO, "GET {} {}", null, new Object[] {"/scim/v2/Users", 200});
        event.setTimeStamp(1_764_594_309_120L);
        event.setMDCPropertyMap(Map.of("requestId", "okta-run-42", "actor", "okta"));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("path", "/scim/v2/Users"));

        String line = new JsonLogLayout().doLayout(event);

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("time").asText()).isEqualTo("2025-12-01T13:05:09.120Z");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("dev.kiroscim.access");
        assertThat(json.path("message").asText()).isEqualTo("GET /scim/v2/Users 200");
        assertThat(json.path("requestId").asText()).isEqualTo("okta-run-42");
        assertThat(json.path("actor").asText()).isEqualTo("okta");
        assertThat(json.path("status").isInt()).as("numbers stay numbers").isTrue();
        assertThat(json.path("path").asText()).isEqualTo("/scim/v2/Users");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void anExceptionBecomesOneEscapedFieldAndQuotesInMessagesStayInside() throws Exception {
        LoggingEvent event = new LoggingEvent(
                "fqcn", logger, Level.ERROR, "pool \"a\nb\" failed", new IllegalStateException("boom"), null);
        event.setMDCPropertyMap(Map.of()); // logged outside a request

        String line = new JsonLogLayout().doLayout(event);

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("pool \"a\nb\" failed");
        assertThat(json.path("error").asText())
                .contains("IllegalStateException: boom", "at dev.kiroscim.server.logging.JsonLogLayoutTest");
        assertThat(json.has("requestId")).as("no request, no requestId").isFalse();
    }
}
