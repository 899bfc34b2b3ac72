package dev.kiroscim.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRangesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.0/8          | 10.255.1.2        | true",
                "10.0.0.0/8          | 11.0.0.1          | false",
                "10.1.2.3/8          | 10.9.9.9          | true", // host bits ignored
                "192.168.1.7         | 192.168.1.7       | true", // bare address = /32
                "192.168.1.7         | 192.168.1.8       | false",
                "0.0.0.0/0           | 203.0.113.9       | true",
                "0.0.0.0/0           | 2001:db8::1       | false", // families never mix
                "2001:db8::/32       | 2001:db8:ffff::1  | true",
                "2001:db8::/32       | 2001:db9::1       | false",
                "::1                 | ::1               | true",
                "10.0.0.0/8          | ::ffff:10.0.0.1   | true", // IPv4-mapped IPv6 is IPv4
                "172.16.0.0/12       | 172.31.255.255    | true",
                "172.16.0.0/12       | 172.32.0.0        | false",
                "10.0.0.0/8, ::1/128 | ::1               | true",
                "10.0.0.0/8          | not-an-ip         | false",
                "10.0.0.0/8          | localhost         | false", // never resolved
            })
    void containment(String ranges, String address, boolean expected) {
        assertThat(AddressRanges.parse(ranges).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.0/33",
                "2001:db8::/129",
                "example.com",
                "10.0.0/8",
                "10.0.0.256",
                "10.0.0.0/-1",
                "[::1]",
                "fe80::1%eth0"
            })
    void rejectsWhatIsNotACidr(String text) {
        assertThatThrownBy(() -> AddressRanges.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.split("/")[0]);
    }

    @ParameterizedTest(name = "{0} keeps its text")
    @CsvSource(
            delimiter = '|',
            value = {"10.0.0.0/8,2001:db8::/32|10.0.0.0/8,2001:db8::/32", " 10.0.0.0/8 , ::1 |10.0.0.0/8,::1"})
    void textIsAsConfigured(String input, String text) {
        assertThat(AddressRanges.parse(input).text()).isEqualTo(text);
    }
}
