package dev.kiroscim.core.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A list of {@link AddressRange}s, e.g. a token's allow-list or {@code server.trustedProxies}. {@link #ANY} (the
 * empty list) means "no restriction" for an allow-list and "nobody" for trusted proxies: each user says which.
 */
public record AddressRanges(List<AddressRange> ranges) {

    public static final AddressRanges ANY = new AddressRanges(List.of());

    public AddressRanges {
        ranges = List.copyOf(ranges);
    }

    /** Parses {@code "10.0.0.0/8, 2001:db8::/32"}; null or blank gives {@link #ANY}. */
    public static AddressRanges parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return ANY;
        }
        return new AddressRanges(Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(AddressRange::parse)
                .toList());
    }

    public static AddressRanges of(List<String> cidrs) {
        return new AddressRanges(cidrs.stream().map(AddressRange::parse).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** True when {@code address} is an IP literal inside one of the ranges. */
    public boolean contains(String address) {
        Optional<InetAddress> parsed = IpLiteral.parse(address);
        return parsed.isPresent() && contains(parsed.get());
    }

    /** As configured: {@code "10.0.0.0/8,2001:db8::/32"}, or "" for none. */
    public String text() {
        return ranges.stream().map(AddressRange::text).collect(Collectors.joining(","));
    }

    public List<String> texts() {
        return ranges.stream().map(AddressRange::text).toList();
    }
}
