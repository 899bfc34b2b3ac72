package dev.kiroscim.server.config;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code server:} section:
 * <pre>
 * server:
 *   maxInFlight: 64              # more concurrent requests get 429 + Retry-After
 *   maxRequestAge: PT30S         # see below
 *   trustedProxies: [10.0.0.0/8] # see EdgeSection: X-Forwarded-For and the per-token rate limit
 *   rateLimit: {perTokenPerSecond: 50, burst: 100}
 * </pre>
 *
 * @param maxRequestAge a write whose load-balancer timestamp ({@code X-Request-Start}, or the ALB's
 *                      {@code X-Amzn-Trace-Id}) is older than this when the replica reads it is refused with 503,
 *                      because its client has most likely timed out and retried elsewhere (a replica frozen with the
 *                      request in its socket buffer must not apply it late, after newer writes)
 */
public record ServerSection(int maxInFlight, Duration maxRequestAge, EdgeSection edge) {

    public static final ConfigSection<ServerSection> SECTION = ConfigSection.of("server", ServerSection::read);

    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** Below the 60 s after which Okta and Entra give up on a request. */
    public static final Duration DEFAULT_MAX_REQUEST_AGE = Duration.ofSeconds(30);

    static ServerSection read(ConfigNode server, ConfigProblems problems) {
        if (!server.mapping(problems, Set.of("maxInFlight", "maxRequestAge", "trustedProxies", "rateLimit"))) {
            return new ServerSection(
                    DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_REQUEST_AGE, EdgeSection.read(server, problems));
        }
        return new ServerSection(
                server.get("maxInFlight").positiveInt(problems, DEFAULT_MAX_IN_FLIGHT),
                server.get("maxRequestAge").duration(problems, Duration.ofSeconds(1), DEFAULT_MAX_REQUEST_AGE),
                EdgeSection.read(server, problems));
    }
}
