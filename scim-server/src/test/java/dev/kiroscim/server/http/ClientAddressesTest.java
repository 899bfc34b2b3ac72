package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.net.AddressRanges;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** X-Forwarded-For is believed only from trusted proxies, read from the right; anything else is the TCP peer. */
class ClientAddressesTest {

    @ParameterizedTest(name = "[{index}] trusted={0} peer={1} xff={2} → {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // no trusted proxies: the header is ignored
                "-            | 203.0.113.9 | 6.6.6.6                          | 203.0.113.9",
                // an untrusted peer cannot claim another address
                "10.0.0.0/8   | 203.0.113.9 | 10.0.0.1                         | 203.0.113.9",
                // one trusted load balancer
                "10.0.0.0/8   | 10.0.0.5    | 198.51.100.7                     | 198.51.100.7",
                // the client's own claim (left) is not believed: the first untrusted hop from the right is the client
                "10.0.0.0/8   | 10.0.0.5    | 6.6.6.6, 198.51.100.7            | 198.51.100.7",
                // two trusted hops
                "10.0.0.0/8   | 10.0.0.5    | 6.6.6.6, 198.51.100.7, 10.0.0.9  | 198.51.100.7",
                // only proxies in the chain: the leftmost proxy is as far as we can see
                "10.0.0.0/8   | 10.0.0.5    | 10.0.0.8, 10.0.0.9               | 10.0.0.8",
                // a trusted peer without the header
                "10.0.0.0/8   | 10.0.0.5    | -                                | 10.0.0.5",
                // garbage ends the walk at the last trusted hop
                "10.0.0.0/8   | 10.0.0.5    | 198.51.100.7, evil.example       | 10.0.0.5",
                // IPv6
                "::1/128      | ::1         | 2001:db8::7                      | 2001:db8::7",
                "fd00::/8     | fd00::1     | 2001:db8::7, fd00::2             | 2001:db8::7",
                // several headers count as one list, in order
                "10.0.0.0/8   | 10.0.0.5    | 6.6.6.6;198.51.100.7             | 198.51.100.7",
            })
    void resolves(String trusted, String peer, String forwardedFor, String expected) {
        ClientAddresses addresses = new ClientAddresses(AddressRanges.parse(trusted));
        List<String> headers = forwardedFor == null ? null : Arrays.asList(forwardedFor.split(";"));
        assertThat(addresses.resolve(peer, headers)).isEqualTo(expected);
    }
}
