package dev.kiroscim.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code identityCenter:} section's downstream modes: api by default, scim with its two keys, mistakes named. */
class IdentityCenterSectionTest {

    @TempDir
    Path dir;

    /** @param identityCenterYaml the section's keys, one per line, without indentation */
    private IdentityCenterSection load(String identityCenterYaml) throws IOException {
        Path file = dir.resolve("kiro-scim.yaml");
        // "token" stands for the token file in this test's directory (relative paths are read from the working
        // directory)
        String yaml = identityCenterYaml.replace(
                "scimTokenFile: token", "scimTokenFile: " + dir.resolve("token").toAbsolutePath());
        Files.writeString(file, "identityCenter:\n" + yaml.strip().indent(2));
        return BridgeConfig.load(file).identityCenter();
    }

    @Test
    void identityStoreId_withoutMode_isTheApiMode() throws IOException {
        IdentityCenterSection section = load("identityStoreId: d-1234567890\nregion: us-east-1\n");
        assertThat(section.store()).isPresent();
        assertThat(section.scim()).isEmpty();
        assertThat(section.live()).isTrue();
    }

    @Test
    void modeScim_readsTheEndpointAndTheTokenFile() throws IOException {
        Files.writeString(dir.resolve("token"), "secret\n");
        IdentityCenterSection section =
                load("mode: scim\nscimEndpoint: https://scim.us-east-1.amazonaws.com/t-1/scim/v2\n"
                        + "scimTokenFile: token\nmaxRequestsPerSecond: 4\n");
        assertThat(section.store()).isEmpty();
        assertThat(section.scim()).hasValueSatisfying(c -> {
            assertThat(c.endpoint()).isEqualTo(URI.create("https://scim.us-east-1.amazonaws.com/t-1/scim/v2"));
            assertThat(c.tokenFile()).isEqualTo(dir.resolve("token").toAbsolutePath());
            assertThat(c.maxRequestsPerSecond()).isEqualTo(4);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "2027-11-30, 2027-11-30T00:00:00Z",
        "'\"2027-11-30\"', 2027-11-30T00:00:00Z",
        "2027-11-30T12:30:00Z, 2027-11-30T12:30:00Z"
    })
    void scimTokenExpires_isADateOrAnInstant(String value, String expected) throws IOException {
        Files.writeString(dir.resolve("token"), "secret\n");
        IdentityCenterSection section =
                load("mode: scim\nscimEndpoint: https://scim.us-east-1.amazonaws.com/t-1/scim/v2\n"
                        + "scimTokenFile: token\nscimTokenExpires: " + value + "\n");
        assertThat(section.scimTokenExpires()).contains(Instant.parse(expected));
    }

    @Test
    void scimTokenExpires_isOptional() throws IOException {
        Files.writeString(dir.resolve("token"), "secret\n");
        IdentityCenterSection section = load(
                "mode: scim\nscimEndpoint: https://scim.us-east-1.amazonaws.com/t-1/scim/v2\nscimTokenFile: token\n");
        assertThat(section.scimTokenExpires()).isEmpty();
    }

    @Test
    void aBadScimTokenExpires_isNamedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("token"), "secret\n");
        assertThatThrownBy(() -> load("mode: scim\nscimEndpoint: https://scim.us-east-1.amazonaws.com/t-1/scim/v2\n"
                        + "scimTokenFile: token\nscimTokenExpires: next November\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "kiro-scim.yaml:5: identityCenter.scimTokenExpires must be a date like 2027-11-30 or an instant like"
                                + " 2027-11-30T12:00:00Z");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mode: scim\\n|mode: scim needs scimEndpoint, scimTokenFile|1",
                "mode: scim\\nscimEndpoint: https://scim.example.com/scim/v2\\n|mode: scim needs scimTokenFile|1",
                "mode: scim\\nscimEndpoint: https://scim.example.com/scim/v2\\nscimTokenFile: missing\\n|does not exist|4",
                "mode: scim\\nscimEndpoint: http://scim.example.com/scim/v2\\nscimTokenFile: token\\n|must be an https URL|3",
                "mode: scim\\nidentityStoreId: d-1234567890\\nscimEndpoint: https://s/scim/v2\\nscimTokenFile: token\\n|identityStoreId belongs to mode: api|3",
                "scimEndpoint: https://scim.example.com/scim/v2\\n|scimEndpoint needs mode: scim|2",
                "identityStoreId: d-1234567890\\nregion: us-east-1\\nscimTokenExpires: 2027-11-30\\n|scimTokenExpires needs mode: scim|4",
                "mode: bulk\\n|mode must be api or scim|2"
            })
    void mistakes_stopTheStart_namingTheKeyAndItsLine(String yaml, String message, int line) throws IOException {
        Files.writeString(dir.resolve("token"), "secret\n");
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("kiro-scim.yaml:" + line + ": ");
    }
}
