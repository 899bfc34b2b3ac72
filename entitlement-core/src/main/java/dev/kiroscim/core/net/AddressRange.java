package dev.kiroscim.core.net;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address means one host
 * ({@code /32} or {@code /128}). Host bits after the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 * An IPv4 range never matches an IPv6 address and vice versa, except IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.0.0.1}), which Java already presents as IPv4.
 */
public record AddressRange(byte[] network, int prefixLength, String text) {

    public static AddressRange parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("empty address range");
        }
        String t = cidr.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = IpLiteral.parse(host)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + t + "' is not an IP address or CIDR range like 10.0.0.0/8 or 2001:db8::/32"));
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException("'" + t + "': the prefix length must be 0 to " + max);
            }
            prefix = Integer.parseInt(p);
        }
        return new AddressRange(mask(bytes, prefix), prefix, t);
    }

    public boolean contains(InetAddress address) {
        byte[] other = address.getAddress();
        if (other.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(other, prefixLength), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r
                && r.prefixLength == prefixLength
                && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
