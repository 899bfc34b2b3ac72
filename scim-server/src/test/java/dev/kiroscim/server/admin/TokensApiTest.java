package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/v1/tokens}: the secret is shown once, at creation or rotation, and only its SHA-256 is stored; the
 * list never shows a secret; a revoked token stops working at once; every change is audited.
 */
class TokensApiTest extends OnSeededAdminApi {

    @Test
    void createShowsTheSecretOnceAndStoresOnlyItsHash() throws SQLException {
        AdminApiFixture.Answer created = api.post(
                "admin/v1/tokens",
                "{\"name\":\"okta-prod\",\"scope\":\"scim\",\"expiresIn\":\"P365D\",\"allowFrom\":[\"10.0.0.0/8\"]}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String secret = body.path("token").asText();
        assertThat(secret).startsWith("kiro_").hasSizeGreaterThan(40);
        assertThat(body.path("name").asText()).isEqualTo("okta-prod");
        assertThat(body.path("scope").asText()).isEqualTo("scim");
        assertThat(body.path("created").asText()).isEqualTo(api.now().toString());
        assertThat(body.path("expires").asText())
                .isEqualTo(api.now().plus(Duration.ofDays(365)).toString());
        assertThat(body.path("allowFrom").get(0).asText()).isEqualTo("10.0.0.0/8");

        assertThat(storedTokenText()).contains(sha256(secret)).doesNotContain(secret);
        AdminApiFixture.Answer list = api.get("admin/v1/tokens");
        assertThat(list.body()).doesNotContain(secret).doesNotContain(sha256(secret));
        JsonNode listed = find(list.json(), "okta-prod");
        assertThat(listed.has("token")).isFalse();
        assertThat(listed.path("current").asBoolean()).isTrue();
        assertThat(listed.path("lastUsed").isNull()).isTrue();
    }

    @Test
    void aNewAdminTokenWorksAndARevokedOneStopsAtOnce() {
        String secret = api.post("admin/v1/tokens", "{\"name\":\"helpdesk\",\"scope\":\"admin\"}")
                .json()
                .path("token")
                .asText();
        Map<String, String> asHelpdesk = Map.of("Authorization", "Bearer " + secret);
        assertThat(api.get("admin/v1/seats", asHelpdesk).status()).isEqualTo(200);

        AdminApiFixture.Answer revoked = api.delete("admin/v1/tokens/helpdesk");
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.get("admin/v1/seats", asHelpdesk).status()).isEqualTo(401);
        assertThat(find(api.get("admin/v1/tokens").json(), "helpdesk")).isNull();
        assertThat(api.delete("admin/v1/tokens/helpdesk").status()).isEqualTo(404);
    }

    @Test
    void aSecondTokenWithTheSameNameIsRefused() {
        assertThat(api.post("admin/v1/tokens", "{\"name\":\"twice\"}").status()).isEqualTo(201);
        AdminApiFixture.Answer again = api.post("admin/v1/tokens", "{\"name\":\"twice\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.message())
                .isEqualTo("a token named 'twice' already exists; revoke it first or pick another name");
    }

    @Test
    void rotationShowsTheNewSecretOnceAndKeepsTheOldOneDuringTheGrace() {
        String old = api.post("admin/v1/tokens", "{\"name\":\"entra\",\"scope\":\"admin\"}")
                .json()
                .path("token")
                .asText();
        api.advance(Duration.ofMinutes(5)); // a rotation comes later: the list orders a token's secrets by age
        AdminApiFixture.Answer rotated = api.post("admin/v1/tokens/entra/rotate", "{\"grace\":\"PT24H\"}");
        assertThat(rotated.status()).isEqualTo(201);
        String fresh = rotated.json().path("token").asText();
        assertThat(fresh).startsWith("kiro_").isNotEqualTo(old);
        assertThat(api.get("admin/v1/seats", Map.of("Authorization", "Bearer " + old))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("admin/v1/seats", Map.of("Authorization", "Bearer " + fresh))
                        .status())
                .isEqualTo(200);

        List<String> secrets = new ArrayList<>();
        api.get("admin/v1/tokens").json().path("tokens").forEach(t -> {
            if (t.path("name").asText().equals("entra")) {
                secrets.add("current=" + t.path("current").asBoolean() + " expires="
                        + t.path("expires").textValue());
            }
        });
        assertThat(secrets)
                .containsExactly(
                        "current=true expires=null",
                        "current=false expires=" + api.now().plus(Duration.ofHours(24)));
    }

    @Test
    void tokenChangesAreAuditedWithTheCallerAsActor() {
        api.post("admin/v1/tokens", "{\"name\":\"audited\"}");
        api.delete("admin/v1/tokens/audited");
        List<String> events = new ArrayList<>();
        api.get("admin/v1/audit?type=token.").json().path("events").forEach(e -> {
            if (e.path("subject").path("name").asText().equals("audited")) {
                events.add(e.path("type").asText() + " by " + e.path("actor").asText());
            }
        });
        assertThat(events).containsExactly("token.created by bootstrap", "token.revoked by bootstrap");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode t : list.path("tokens")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Every column of every stored token and secret row, as text. */
    private static String storedTokenText() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = api.database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of("api_token", "api_token_secret")) {
                try (ResultSet rs = s.executeQuery("select * from " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
