package dev.kiroscim.server.http;

import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.net.IpLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address as the server should believe it. The TCP peer, unless the peer is a configured trusted
 * proxy ({@code server.trustedProxies}): then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the first address that is not one is the client. Anyone can send {@code X-Forwarded-For}, so it is
 * ignored from every other peer; a malformed hop ends the walk (the last trusted hop is then the answer).
 *
 * <p>Example with {@code trustedProxies: [10.0.0.0/8]}: peer 10.0.0.5, {@code X-Forwarded-For: 6.6.6.6, 203.0.113.9,
 * 10.0.0.9} → 203.0.113.9 (6.6.6.6 was written by the client and is not believed).
 */
public final class ClientAddresses {

    private final AddressRanges trustedProxies;

    public ClientAddresses(AddressRanges trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** @param forwardedFor every {@code X-Forwarded-For} header value in order (may be empty) */
    public String resolve(String peer, List<String> forwardedFor) {
        if (peer == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor == null ? List.<String>of() : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trustedProxies.contains(client); i--) {
            String hop = hops.get(i);
            if (IpLiteral.parse(hop).isEmpty()) {
                break;
            }
            client = hop;
        }
        return client;
    }
}
