package dev.kiroscim.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.net.AddressRanges;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TargetRulesTest {

    private static final URI HTTPS = URI.create("https://hooks.example.com/services/T0/B0/secret");

    @Test
    void onlyHttpsOrHttpToLoopbackIsATarget() {
        TargetRules.checkUrl(HTTPS);
        TargetRules.checkUrl(URI.create("http://127.0.0.1:8081/hook"));
        TargetRules.checkUrl(URI.create("http://localhost/hook"));
        assertThatThrownBy(() -> TargetRules.checkUrl(URI.create("http://hooks.example.com/x")))
                .hasMessageContaining("must be https");
        assertThatThrownBy(() -> TargetRules.checkUrl(URI.create("ftp://hooks.example.com/x")))
                .hasMessageContaining("must be https");
        assertThatThrownBy(() -> TargetRules.checkUrl(URI.create("https://user:pw@hooks.example.com/x")))
                .hasMessageContaining("user name or password");
    }

    @Test
    void privateLinkLocalAndLoopbackAddressesAreRefusedUnlessAllowed() throws Exception {
        assertThat(TargetRules.refusal(HTTPS, ip("169.254.169.254"), AddressRanges.ANY))
                .hasValueSatisfying(r -> assertThat(r).startsWith("link-local"));
        assertThat(TargetRules.refusal(HTTPS, ip("10.1.2.3"), AddressRanges.ANY))
                .hasValueSatisfying(r -> assertThat(r).startsWith("private"));
        assertThat(TargetRules.refusal(HTTPS, ip("172.20.0.1"), AddressRanges.ANY))
                .isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("192.168.1.1"), AddressRanges.ANY))
                .isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("100.64.0.1"), AddressRanges.ANY))
                .isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("fd00::1"), AddressRanges.ANY)).isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("fe80::1"), AddressRanges.ANY)).isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("::ffff:10.0.0.1"), AddressRanges.ANY))
                .as("IPv4-mapped")
                .isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("127.0.0.1"), AddressRanges.ANY))
                .isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("0.0.0.0"), AddressRanges.ANY)).isPresent();
        assertThat(TargetRules.refusal(HTTPS, ip("93.184.216.34"), AddressRanges.ANY))
                .isEmpty();
        assertThat(TargetRules.refusal(HTTPS, ip("10.1.2.3"), AddressRanges.parse("10.0.0.0/8")))
                .isEmpty();
    }

    @Test
    void plainHttpGoesOnlyToLoopback() throws Exception {
        URI http = URI.create("http://localhost:9000/hook");
        assertThat(TargetRules.refusal(http, ip("127.0.0.1"), AddressRanges.ANY))
                .isEmpty();
        assertThat(TargetRules.refusal(http, ip("::1"), AddressRanges.ANY)).isEmpty();
        assertThat(TargetRules.refusal(http, ip("93.184.216.34"), AddressRanges.ANY))
                .isPresent();
    }

    @Test
    void descriptionsLeaveOutThePathWhichMayBeASecret() {
        assertThat(TargetRules.describe(HTTPS)).isEqualTo("https://hooks.example.com/…");
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
