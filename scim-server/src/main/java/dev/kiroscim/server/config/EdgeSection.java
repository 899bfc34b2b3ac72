package dev.kiroscim.server.config;

import dev.kiroscim.core.net.AddressRanges;
import java.util.Set;

/**
 * What the edge trusts and how hard it throttles, from the {@code server:} section:
 * <pre>
 * server:
 *   trustedProxies: ["10.0.0.0/8", "2001:db8::/32"]   # X-Forwarded-For is believed only from these peers
 *   rateLimit:
 *     perTokenPerSecond: 50                       # absent or 0: no per-token limit
 *     burst: 100                                  # default: twice the rate
 * </pre>
 *
 * @param trustedProxies   load balancers / reverse proxies whose {@code X-Forwarded-For} names the client; empty = none
 * @param perTokenPerSecond requests per second per token; 0 = unlimited
 */
public record EdgeSection(AddressRanges trustedProxies, double perTokenPerSecond, double burst) {

    /** @param server the {@code server:} node (possibly absent) */
    static EdgeSection read(ConfigNode server, ConfigProblems problems) {
        AddressRanges proxies = ranges(server.get("trustedProxies"), problems);
        ConfigNode limit = server.get("rateLimit");
        limit.mapping(problems, Set.of("perTokenPerSecond", "burst"));
        double rate = limit.get("perTokenPerSecond").nonNegative(problems, 0);
        ConfigNode burstNode = limit.get("burst");
        double burst = burstNode.nonNegative(problems, rate * 2);
        if (rate > 0 && burst < 1) {
            problems.add(burstNode, "server.rateLimit.burst must be at least 1");
        }
        return new EdgeSection(proxies, rate, burst);
    }

    private static AddressRanges ranges(ConfigNode node, ConfigProblems problems) {
        if (!node.isSet()) {
            return AddressRanges.ANY;
        }
        if (node.isMapping()) {
            problems.add(node, "server.trustedProxies must be a list of addresses or CIDR ranges");
            return AddressRanges.ANY;
        }
        try {
            return AddressRanges.of(node.texts(problems, true));
        } catch (IllegalArgumentException e) {
            problems.add(node, "server.trustedProxies: " + e.getMessage());
            return AddressRanges.ANY;
        }
    }
}
