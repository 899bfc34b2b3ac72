package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every admin GET endpoint answers 200 with its documented shape on the seeded fixture, and CSV where it offers it. */
class AdminGetEndpointsTest extends OnSeededAdminApi {

    static Stream<Arguments> jsonEndpoints() {
        return Stream.of(
                Arguments.of("admin/v1/audit", new String[] {"events", "next"}),
                Arguments.of("admin/v1/audit/verify", new String[] {"ok", "verified", "firstBadSeq", "checkedAt"}),
                Arguments.of("admin/v1/cluster", new String[] {"self", "activePolicySha256", "replicas"}),
                Arguments.of("admin/v1/entitlements", new String[] {"entitlements", "next"}),
                Arguments.of("admin/v1/entitlements/{ann}", new String[] {"id", "userName", "state", "waitlist"}),
                Arguments.of("admin/v1/users/ann@example.com/explain", new String[] {}),
                Arguments.of("admin/v1/seats/idle", new String[] {"days", "idle", "noReportData", "counts"}),
                Arguments.of("admin/v1/invoice", new String[] {"lines", "totalUsd", "naive"}),
                Arguments.of("admin/v1/notifications", new String[] {"endpoints", "deadLetters"}),
                Arguments.of("admin/v1/people?q=a", new String[] {"people", "next"}),
                Arguments.of("admin/v1/pools/Dev-Team", new String[] {"pool", "tier", "seats", "holders", "waitlist"}),
                Arguments.of("admin/v1/pools/expiring", new String[] {"until", "grants"}),
                Arguments.of(
                        "admin/v1/recommendations", new String[] {"basedOn", "monthlySavingUsd", "recommendations"}),
                Arguments.of("admin/v1/reports/holders?at=2026-11-15T00:00:00Z", new String[] {}),
                Arguments.of("admin/v1/reports/offboarding?since=2026-11-01", new String[] {}),
                Arguments.of("admin/v1/reports/seats?month=2026-11", new String[] {}),
                Arguments.of("admin/v1/seats/history?days=30", new String[] {"days", "pools", "tiers"}),
                Arguments.of("admin/v1/seats", new String[] {}),
                Arguments.of("admin/v1/sync", new String[] {"mode", "pending", "deadLetter"}),
                Arguments.of("admin/v1/sync/pending", new String[] {"items"}),
                Arguments.of("admin/v1/tokens", new String[] {"tokens"}),
                Arguments.of("admin/v1/usage?month=2026-11", new String[] {}),
                Arguments.of("admin/v1/users/{dan}/usage?month=2026-11", new String[] {"month", "userId", "mapped"}));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("jsonEndpoints")
    void answersJsonWithItsKeyFields(String path, String[] fields) {
        AdminApiFixture.Answer answer = api.get(withIds(path));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.isObject()).isTrue();
        for (String field : fields) {
            assertThat(body.has(field)).as(field + " in " + answer.body()).isTrue();
        }
    }

    private static String withIds(String path) {
        String out = path;
        for (String name : new String[] {"ann", "dan"}) {
            out = out.replace("{" + name + "}", api.userId(name));
        }
        return out;
    }

    @ParameterizedTest(name = "GET {0} as CSV by {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "admin/v1/audit?userName=ann@example.com                  | format | seq,",
                "admin/v1/audit?userName=ann@example.com                  | accept | seq,",
                "admin/v1/reports/holders?at=2026-11-15T00:00:00Z         | format | ",
                "admin/v1/reports/holders?at=2026-11-15T00:00:00Z         | accept | ",
                "admin/v1/reports/offboarding?since=2026-11-01            | format | ",
                "admin/v1/reports/seats?month=2026-11                     | accept | ",
                "admin/v1/invoice?month=2026-11                           | format | user,tier,baseUsd",
                "admin/v1/invoice?month=2026-11                           | accept | user,tier,baseUsd",
                "admin/v1/usage?month=2026-11                             | format | ",
            })
    void answersCsvWhenAsked(String path, String how, String header) {
        AdminApiFixture.Answer answer =
                how.equals("format") ? api.get(path + "&format=csv") : api.get(path, Map.of("Accept", "text/csv"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/csv;charset=utf-8");
        String firstLine = answer.body().lines().findFirst().orElse("");
        assertThat(firstLine).contains(",");
        if (header != null) {
            assertThat(firstLine).startsWith(header);
        }
    }
}
