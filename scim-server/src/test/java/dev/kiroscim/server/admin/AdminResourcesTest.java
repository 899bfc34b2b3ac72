package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.sync.state.PendingItems.PendingItem;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API's shared rules (error bodies, CSV negotiation) and the limit of {@code GET /admin/v1/sync/pending}. */
class AdminResourcesTest {

    @ParameterizedTest(name = "format={0} Accept={1} → csv {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "-    | -                          | false",
                "csv  | -                          | true",
                "CSV  | application/json           | true",
                "json | text/csv                   | false",
                "' '  | text/csv; charset=utf-8    | true",
                "-    | application/json, TEXT/CSV | true",
                "-    | application/json           | false",
            })
    void csvIsChosenByFormatFirstThenByAccept(String format, String accept, boolean csv) {
        assertThat(Formats.wantsCsv(format, accept)).isEqualTo(csv);
    }

    @ParameterizedTest(name = "{0} → admin {1}")
    @CsvSource({"/admin/v1/tokens, true", "admin/v1/seats, true", "/scim/v2/Users, false", "/administrator, false"})
    void adminPathsGetAdminErrorBodies(String path, boolean admin) {
        assertThat(AdminErrors.isAdminPath(path)).isEqualTo(admin);
    }

    @Test
    void adminErrorIsJsonWithStatusAndMessage() {
        Response response = AdminErrors.of(404, "no token named 'x'");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(json(response))
                .isEqualTo(ScimJson.MAPPER.createObjectNode().put("status", 404).put("message", "no token named 'x'"));
    }

    @ParameterizedTest(name = "limit={0} → {1}")
    @CsvSource(
            nullValues = "-",
            value = {"-, 50", "' ', 50", "1, 1", "' 7 ', 7", "500, 500", "0, 400", "501, 400", "x, 400", "-3, 400"})
    void pendingLimitIsBetween1And500(String limit, int expected) {
        List<Integer> asked = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        SyncPendingResource resource = new SyncPendingResource(n -> {
            asked.add(n);
            return IntStream.range(0, Math.min(n, 2))
                    .mapToObj(i -> new PendingItem(i, "u" + i, "user" + i, "membership", t, 1, t.plusSeconds(60), null))
                    .toList();
        });
        Response response = resource.pending(limit);
        if (expected == 400) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(json(response).get("message").textValue()).isEqualTo("limit must be a number between 1 and 500");
            assertThat(asked).isEmpty();
        } else {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(asked).containsExactly(expected);
            JsonNode first = json(response).get("items").get(0);
            assertThat(first.get("userName").textValue()).isEqualTo("user0");
            assertThat(first.get("nextAttemptAt").textValue()).isEqualTo("2026-01-01T00:01:00Z");
        }
    }

    private static JsonNode json(Response response) {
        return ScimJson.parseStored(new String((byte[]) response.getEntity(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
