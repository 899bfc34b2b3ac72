package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A fixture missing from ../shared skips the test that needs it (fails under CI=true), like PostgreSQL and moto. */
class SharedFixturesTest {

    @Test
    void aMissingFixtureSkipsOrFailsOnCi() {
        assertThat(SharedFixtures.find("no-such-fixture.json")).isEmpty();
        boolean ci = "true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim());
        assertThatThrownBy(() -> SharedFixtures.require("no-such-fixture.json"))
                .isInstanceOf(ci ? AssertionFailedError.class : TestAbortedException.class)
                .hasMessageContaining("fixtures/no-such-fixture.json");
    }
}
