package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Overload} in the real filter order: it sheds beyond {@code maxInFlight} with 429, an integer
 * {@code Retry-After} and a SCIM body; the probes bypass it; and a request gives back its permit exactly once on
 * every way it can end — served, refused by a later filter, failed in a filter, in the resource or in a response
 * filter. A leak would shed every request once {@code maxInFlight} had leaked; a double release would let more
 * than {@code maxInFlight} in.
 */
class OverloadTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        release.countDown();
        threads.shutdownNow();
    }

    /** {@code /scim/v2/slow} holds its request until {@link #release}; {@code /scim/v2/boom} throws. */
    private final Function<String, Response> resource = path -> {
        if (path.equals("scim/v2/slow")) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.equals("scim/v2/boom")) {
            throw new IllegalStateException("resource failed");
        }
        return Response.ok("{}", "application/json").build();
    };

    /** Refuses like {@link AuthFilter} does (abortWith) or fails, when the request asks for it. */
    @Priority(Priorities.AUTHENTICATION)
    static final class LaterFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getHeaderString("X-Test-Abort") != null) {
                request.abortWith(ScimErrors.response(401, null, "refused by a later filter"));
            }
            if (request.getHeaderString("X-Test-Throw") != null) {
                throw new IllegalStateException("a later filter failed");
            }
        }
    }

    /** A response filter that runs before {@link Overload}'s (higher priority runs first on the way out) and fails. */
    @Priority(Priorities.USER)
    static final class FailingResponseFilter implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getHeaderString("X-Test-Throw-On-Response") != null && response.getStatus() < 500) {
                throw new IllegalStateException("a response filter failed");
            }
        }
    }

    private InProcessJersey server(int maxInFlight) {
        return InProcessJersey.withHandler(
                resource,
                new RequestIds(Clock.systemUTC()),
                new Overload(maxInFlight),
                new RequestHeadLimits(),
                new BodyLimit(),
                new LaterFilter(),
                new FailingResponseFilter(),
                new SecurityHeaders(),
                new ErrorMapper());
    }

    @Test
    void shedsBeyondMaxInFlightWith429IntegerRetryAfterAndAScimBody() throws Exception {
        InProcessJersey server = server(2);
        CountDownLatch both = new CountDownLatch(2);
        entered = both;
        List<Future<InProcessJersey.Answer>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(threads.submit(() -> server.get("/scim/v2/slow").send()));
        }
        assertThat(both.await(10, TimeUnit.SECONDS))
                .as("two requests in flight")
                .isTrue();

        InProcessJersey.Answer shed = server.get("/scim/v2/Users").send();

        AuthFilterTest.assertScimError(shed, 429, "too many requests in flight");
        assertThat(shed.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(shed.header("X-Request-Id"))
                .as("the other filters still answer")
                .isNotBlank();
        assertThat(shed.header("Cache-Control")).isEqualTo("no-store");
        release.countDown();
        for (Future<InProcessJersey.Answer> f : held) {
            assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(server.get("/scim/v2/Users").send().status()).isEqualTo(200);
    }

    @Test
    void probesBypassTheLimit() throws Exception {
        InProcessJersey server =
                InProcessJersey.withHandler(resource, new Overload(1), new HealthResource(new FakeTokenDatabase()));
        Future<InProcessJersey.Answer> held =
                threads.submit(() -> server.get("/scim/v2/slow").send());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(server.get("/scim/v2/Users").send().status()).isEqualTo(429);
        assertThat(server.get("/healthz").send().status()).isEqualTo(200);
        assertThat(server.get("/readyz").send().status()).isEqualTo(200);
        assertThat(server.get("/healthz/").send().status()).isEqualTo(200);
        assertThat(server.get("/healthzzz").send().status())
                .as("only the probes themselves bypass the limit")
                .isEqualTo(429);
        assertThat(server.get("/readyz-anything").send().status()).isEqualTo(429);
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of("served", "GET", "/scim/v2/Users", null, 200),
                Arguments.of("refused by a later filter (abortWith)", "GET", "/scim/v2/Users", "X-Test-Abort", 401),
                Arguments.of("a later request filter throws", "GET", "/scim/v2/Users", "X-Test-Throw", 500),
                Arguments.of("the resource throws", "GET", "/scim/v2/boom", null, 500),
                Arguments.of("a response filter throws", "GET", "/scim/v2/Users", "X-Test-Throw-On-Response", 500),
                Arguments.of("no such method", "DELETE", "/scim/v2/Users", null, 405),
                Arguments.of("request line too long", "GET", "/scim/v2/Users?filter=" + "x".repeat(9000), null, 414),
                Arguments.of("body over the limit", "POST", "/scim/v2/Users", "big-body", 413));
    }

    @ParameterizedTest(name = "{0} → {4}, permit returned once")
    @MethodSource("endings")
    void everyEndingReturnsItsPermitExactlyOnce(String name, String method, String target, String flag, int status)
            throws Exception {
        InProcessJersey server = server(1);
        for (int i = 0; i < 3; i++) { // more endings than permits: a leak would show as a 429 here
            InProcessJersey.Call call = server.request(method, target);
            if ("big-body".equals(flag)) {
                call.body("application/scim+json", new ByteArrayInputStream(new byte[BodyLimit.MAX_BYTES + 1]));
            } else if (flag != null) {
                call.header(flag, "1");
            }
            assertThat(call.send().status()).as(name).isEqualTo(status);
        }

        assertExactlyOnePermitFree(server);
    }

    /** One request holds the only permit; a second is shed. Both a leak and a double release break this. */
    private void assertExactlyOnePermitFree(InProcessJersey server) throws Exception {
        Future<InProcessJersey.Answer> holder =
                threads.submit(() -> server.get("/scim/v2/slow").send());
        while (!entered.await(10, TimeUnit.MILLISECONDS)) {
            if (holder.isDone()) {
                throw new AssertionError("the permit leaked: the holder was answered "
                        + holder.get().status());
            }
        }
        int second = server.get("/scim/v2/Users").send().status();
        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(second).as("a second request while one is in flight").isEqualTo(429);
    }
}
