package dev.kiroscim.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalComponentTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // available, CI variable, expected outcome (null = the test goes on)
                Arguments.of(true, null, null),
                Arguments.of(true, "true", null),
                Arguments.of(false, null, TestAbortedException.class),
                Arguments.of(false, "false", TestAbortedException.class),
                Arguments.of(false, "", TestAbortedException.class),
                Arguments.of(false, "true", AssertionFailedError.class),
                Arguments.of(false, "TRUE", AssertionFailedError.class));
    }

    @ParameterizedTest(name = "available={0}, CI={1} -> {2}")
    @MethodSource("cases")
    void missing_components_skip_locally_and_fail_on_ci(boolean available, String ci, Class<?> expected) {
        Throwable outcome = catchThrowable(() -> ExternalComponent.require("python3", available, "install it", ci));
        if (expected == null) {
            assertThat(outcome).isNull();
        } else {
            assertThat(outcome).isInstanceOf(expected).hasMessageContaining("python3 is not available: install it");
        }
    }
}
