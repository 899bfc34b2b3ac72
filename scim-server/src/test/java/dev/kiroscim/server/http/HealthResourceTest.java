package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link HealthResource}: liveness regardless of the database, readiness only while it answers. */
class HealthResourceTest {

    @ParameterizedTest(name = "{0} with the database {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/healthz | up   | 200 | {\"status\":\"UP\"}",
                "/healthz | down | 200 | {\"status\":\"UP\"}",
                "/readyz  | up   | 200 | {\"status\":\"READY\",\"database\":\"UP\"}",
                "/readyz  | down | 503 | {\"status\":\"NOT_READY\",\"database\":\"DOWN\"}",
            })
    void probes(String path, String database, int status, String body) {
        FakeTokenDatabase db = new FakeTokenDatabase();
        db.up = database.equals("up");

        InProcessJersey.Answer answer =
                InProcessJersey.of(new HealthResource(db)).get(path).send();

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.text()).isEqualTo(body);
    }
}
