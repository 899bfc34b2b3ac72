package dev.kiroscim.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code console:} section of kiro-scim.yaml: defaults, a full OIDC block, and mistakes caught at start-up. */
class ConsoleSectionTest {

    @TempDir
    Path dir;

    private BridgeConfig load(String yaml) throws IOException {
        Path file = dir.resolve("kiro-scim.yaml");
        Files.writeString(file, yaml);
        return BridgeConfig.load(file);
    }

    @Test
    void withoutTheSectionThereIsTokenSignInOnlyAndAThirtyMinuteIdleTimeout() throws IOException {
        ConsoleSection c = load("scim:\n  maxResults: 100\n").console();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.oidc()).isEmpty();
    }

    @Test
    void aFullOidcBlock() throws IOException {
        ConsoleSection c = load("""
                console:
                  idleTimeout: PT15M
                  oidc:
                    issuer: https://example.okta.com
                    clientId: abc
                    clientSecretFile: /etc/kiro/secret
                    adminGroups: [Admins]
                    readOnlyGroups: Viewers
                """).console();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        ConsoleSection.Oidc o = c.oidc().orElseThrow();
        assertThat(o.issuer()).isEqualTo("https://example.okta.com");
        assertThat(o.clientSecretFile()).isEqualTo(Path.of("/etc/kiro/secret"));
        assertThat(o.adminGroups()).containsExactly("Admins");
        assertThat(o.readOnlyGroups()).containsExactly("Viewers");
        assertThat(o.scopes()).isEqualTo(List.of("openid", "profile", "email"));
        assertThat(o.redirectUri()).isNull();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "console:\n  idleTimeout: 30 minutes\n",
                        ":2: console.idleTimeout must be an ISO-8601 duration"),
                Arguments.of("console:\n  idleTimeout: PT0S\n", ":2: console.idleTimeout must be longer than zero"),
                Arguments.of(
                        "console:\n  oidc:\n    clientId: a\n    adminGroups: [A]\n",
                        ":2: console.oidc.issuer is required"),
                Arguments.of(
                        "console:\n  oidc:\n    issuer: https://i\n    adminGroups: [A]\n",
                        ":2: console.oidc.clientId is required"),
                Arguments.of(
                        "console:\n  oidc:\n    issuer: https://i\n    clientId: a\n",
                        ":2: console.oidc needs adminGroups or readOnlyGroups"),
                Arguments.of(
                        "console:\n  oidc:\n    issuer: https://i\n    clientId: a\n    adminGroups: [A]\n    scopes: [profile]\n",
                        ":6: console.oidc.scopes must include openid"),
                Arguments.of(
                        "console:\n  idleTimeout: PT5M\n  oidcc: {}\n",
                        ":3: unknown key 'oidcc' in console (allowed: "));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesStopTheServerWithAMessage(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
