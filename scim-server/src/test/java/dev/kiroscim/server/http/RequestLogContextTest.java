package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kiroscim.core.auth.Scope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link RequestLogContext}: one access line per request, the MDC while it is served, and nothing secret logged. */
class RequestLogContextTest {

    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger(RequestLogContext.ACCESS_LOGGER);
    private final List<Map<String, String>> mdcInResource = new CopyOnWriteArrayList<>();

    /** Stands in for {@link AuthFilter}: a request with {@code X-Test-Caller} is that token's. */
    @Priority(Priorities.AUTHENTICATION)
    static final class Caller implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String name = request.getHeaderString("X-Test-Caller");
            if (name != null) {
                request.setProperty(AuthFilter.CALLER, new Authenticator.Caller(name, EnumSet.of(Scope.SCIM)));
                RequestLogContext.actor(name);
            }
        }
    }

    private final InProcessJersey server = InProcessJersey.withHandler(
            path -> {
                mdcInResource.add(MDC.getCopyOfContextMap());
                return Response.ok("{}", "application/json").build();
            },
            new RequestIds(Clock.systemUTC()),
            new RequestLogContext(),
            new Caller(),
            new RequestHeadLimits(),
            new ErrorMapper());

    @BeforeEach
    void capture() {
        access.start();
        accessLogger.addAppender(access);
    }

    @AfterEach
    void release() {
        accessLogger.detachAppender(access);
    }

    private ILoggingEvent onlyLine() {
        assertThat(access.list).hasSize(1);
        return access.list.get(0);
    }

    private static Map<String, Object> fields(ILoggingEvent line) {
        return line.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    }

    @Test
    void oneAccessLineWithMethodPathStatusDurationRequestIdAndActor() {
        server.get("/scim/v2/Users?filter=userName%20eq%20%22secret%40x%22")
                .header("X-Request-Id", "okta-run-42")
                .header("X-Test-Caller", "okta")
                .header("Authorization", "Bearer kiro_do-not-log-me")
                .send();

        ILoggingEvent line = onlyLine();
        assertThat(line.getFormattedMessage()).matches("GET /scim/v2/Users 200 \\d+ ms request=okta-run-42 actor=okta");
        assertThat(fields(line))
                .containsEntry("method", "GET")
                .containsEntry("path", "/scim/v2/Users")
                .containsEntry("status", 200)
                .containsKey("durationMs");
        assertThat(line.toString() + line.getMDCPropertyMap())
                .as("no query string, no header")
                .doesNotContain("secret")
                .doesNotContain("kiro_do-not-log-me");
    }

    @Test
    void theResourceLogsWithTheRequestIdAndActorAndTheThreadIsLeftClean() {
        server.get("/scim/v2/Users")
                .header("X-Request-Id", "r-1")
                .header("X-Test-Caller", "okta")
                .send();

        assertThat(mdcInResource)
                .singleElement()
                .isEqualTo(Map.of(RequestLogContext.REQUEST_ID, "r-1", RequestLogContext.ACTOR, "okta"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aStaleMdcFromAnEarlierRequestOnTheThreadIsCleared() {
        MDC.put(RequestLogContext.ACTOR, "someone-else");

        server.get("/scim/v2/Users").header("X-Request-Id", "r-2").send();

        assertThat(mdcInResource).singleElement().isEqualTo(Map.of(RequestLogContext.REQUEST_ID, "r-2"));
        assertThat(onlyLine().getFormattedMessage()).endsWith("actor=-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/scim/v2/Users/x%0D%0AGET%20%2Fadmin%2Fv1%2Ftokens%20200, /scim/v2/Users/x%0D%0AGET%20%2Fadmin%2Fv1%2Ftokens%20200",
        "/scim/v2/Users/x%0Afake, /scim/v2/Users/x%0Afake",
        "/scim/v2/Users/%00, /scim/v2/Users/%00",
    })
    void anEncodedLineBreakInThePathCannotForgeAnAccessLine(String target, String logged) {
        server.get(target).send();

        ILoggingEvent line = onlyLine();
        assertThat(line.getFormattedMessage())
                .doesNotContain("\n")
                .doesNotContain("\r")
                .contains(" " + logged + " ");
        assertThat(fields(line).get("path")).isEqualTo(logged);
    }
}
