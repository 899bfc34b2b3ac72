package dev.kiroscim.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/v1/sync} shows the SCIM downstream token's configured expiry beside the endpoint. */
class SyncRenderingTest {

    private static IdentityCenterSync.Status scimStatus() {
        return new IdentityCenterSync.Status(
                "live",
                0,
                0,
                Optional.empty(),
                0,
                List.of(),
                List.of(),
                "scim",
                Optional.of("https://scim.us-east-1.amazonaws.com/t-1/scim/v2"),
                Optional.empty());
    }

    @Test
    void theConfiguredTokenExpiryIsShownUnderDownstream() {
        ObjectNode out = SyncRendering.status(scimStatus(), Optional.of(Instant.parse("2027-11-30T00:00:00Z")));
        assertThat(out.path("downstream").path("tokenExpires").asText()).isEqualTo("2027-11-30T00:00:00Z");
        assertThat(out.path("downstream").path("endpoint").asText())
                .isEqualTo("https://scim.us-east-1.amazonaws.com/t-1/scim/v2");
    }

    @Test
    void anUnknownExpiryIsNull() {
        ObjectNode out = SyncRendering.status(scimStatus(), Optional.empty());
        assertThat(out.path("downstream").has("tokenExpires")).isTrue();
        assertThat(out.path("downstream").path("tokenExpires").isNull()).isTrue();
    }
}
