package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link TokenUsage}: uses are noted in memory and written, newest per secret, in one transaction per flush. */
class TokenUsageTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final FakeTokenDatabase database = new FakeTokenDatabase();
    private final TokenUsage usage = new TokenUsage(database);

    @Test
    void aFlushWritesTheNewestUseOfEachSecretInOneTransaction() {
        for (int i = 0; i < 100; i++) {
            usage.used("hash-okta", T0.plusSeconds(i), "10.0.0." + i);
        }
        usage.used("hash-entra", T0, "192.0.2.1");

        assertThat(usage.flush()).isEqualTo(2);
        assertThat(database.writes).isEqualTo(1);
        assertThat(database.uses)
                .containsExactlyInAnyOrder(
                        new FakeTokenDatabase.Use("hash-okta", T0.plusSeconds(99), "10.0.0.99"),
                        new FakeTokenDatabase.Use("hash-entra", T0, "192.0.2.1"));
    }

    @Test
    void nothingPendingTouchesNoDatabase() {
        assertThat(usage.flush()).isZero();
        usage.used("hash-okta", T0, "10.0.0.1");
        usage.flush();

        assertThat(usage.flush()).as("written uses are not written again").isZero();
        assertThat(database.writes).isEqualTo(1);
    }

    @Test
    void closeFlushesAndSwallowsADatabaseFailure() {
        usage.used("hash-okta", T0, "10.0.0.1");
        usage.close();
        assertThat(database.uses).hasSize(1);

        TokenUsage failing = new TokenUsage(database);
        failing.used("hash-okta", T0.plusSeconds(1), "10.0.0.2");
        database.writesFail = true;
        assertThatThrownBy(failing::flush).isInstanceOf(IllegalStateException.class);
        failing.start().close(); // shutdown must not fail on a database that is gone
        assertThat(database.uses).hasSize(1);
    }

    @Test
    void aFailedFlushKeepsItsUsesForTheNextOneAndANewerUseWins() {
        usage.used("hash-okta", T0, "10.0.0.1");
        usage.used("hash-entra", T0, "192.0.2.1");
        database.writesFail = true;
        assertThatThrownBy(usage::flush).isInstanceOf(IllegalStateException.class);

        usage.used("hash-okta", T0.plusSeconds(5), "10.0.0.2");
        database.writesFail = false;

        assertThat(usage.flush()).isEqualTo(2);
        assertThat(database.uses)
                .containsExactlyInAnyOrder(
                        new FakeTokenDatabase.Use("hash-okta", T0.plusSeconds(5), "10.0.0.2"),
                        new FakeTokenDatabase.Use("hash-entra", T0, "192.0.2.1"));
    }
}
