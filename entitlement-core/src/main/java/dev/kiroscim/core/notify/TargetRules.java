package dev.kiroscim.core.notify;

import dev.kiroscim.core.net.AddressRanges;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may go (server-side request forgery guard). The URL must be {@code https}, or {@code http} to a
 * loopback host (tests, a local relay). The address actually connected to must be public: loopback (except for such an
 * {@code http} URL), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — the cloud metadata
 * service — and fe80::/10), carrier-grade NAT (100.64/10), unspecified and multicast addresses are refused unless the
 * endpoint's {@code allowPrivate} ranges contain them. Example: {@code https://hooks.internal/x} resolving to
 * 10.1.2.3 is refused, and accepted with {@code allowPrivate: [10.0.0.0/8]}.
 */
public final class TargetRules {

    private TargetRules() {}

    /** @throws IllegalArgumentException when the URL itself can never be a target */
    public static void checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("url needs a host: " + describe(url));
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry a user name or password: " + describe(url));
        }
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopbackName(url.getHost())) {
            return;
        }
        throw new IllegalArgumentException("url must be https (http only to a loopback address): " + describe(url));
    }

    /** The reason the connection to {@code address} must not be used, or empty when it may. */
    public static Optional<String> refusal(URI url, InetAddress address, AddressRanges allowPrivate) {
        if (allowPrivate.contains(address)) {
            return Optional.empty();
        }
        boolean plainHttp = "http".equalsIgnoreCase(url.getScheme());
        if (address.isLoopbackAddress()) {
            return plainHttp ? Optional.empty() : Optional.of("loopback address " + address.getHostAddress());
        }
        if (plainHttp) {
            return Optional.of("http is only allowed to loopback, not " + address.getHostAddress());
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("unroutable address " + address.getHostAddress());
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address " + address.getHostAddress());
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isCarrierGradeNat(address)) {
            return Optional.of("private address " + address.getHostAddress());
        }
        return Optional.empty();
    }

    /** Scheme and host only: webhook paths (Slack's) are secrets and never appear in logs or the admin API. */
    public static String describe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/…";
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean isCarrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
