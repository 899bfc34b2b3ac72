package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.net.AddressRanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    static EdgeSection from(Path file, JsonNode server) {
        AddressRanges proxies = ranges(file, server.path("trustedProxies"));
        JsonNode limit = server.path("rateLimit");
        double rate = number(file, "server.rateLimit.perTokenPerSecond", limit.path("perTokenPerSecond"), 0);
        double burst = number(file, "server.rateLimit.burst", limit.path("burst"), rate * 2);
        if (rate > 0 && burst < 1) {
            throw new ConfigException(file + ": server.rateLimit.burst must be at least 1");
        }
        return new EdgeSection(proxies, rate, burst);
    }

    private static AddressRanges ranges(Path file, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return AddressRanges.ANY;
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> items.add(n.asText()));
        } else if (node.isTextual()) {
            items.addAll(List.of(node.asText().split(",")));
        } else {
            throw new ConfigException(file + ": server.trustedProxies must be a list of addresses or CIDR ranges");
        }
        try {
            return AddressRanges.of(items.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": server.trustedProxies: " + e.getMessage());
        }
    }

    private static double number(Path file, String name, JsonNode node, double fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0) {
            throw new ConfigException(file + ": " + name + " must be a number, 0 or more");
        }
        return node.asDouble();
    }
}
