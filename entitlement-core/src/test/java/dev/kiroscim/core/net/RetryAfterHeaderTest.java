package dev.kiroscim.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterHeaderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("120", Optional.of(Duration.ofSeconds(120))),
                Arguments.of(" 0 ", Optional.of(Duration.ZERO)),
                Arguments.of("Tue, 01 Dec 2026 09:01:30 GMT", Optional.of(Duration.ofSeconds(90))),
                Arguments.of("Tue, 01 Dec 2026 08:59:00 GMT", Optional.of(Duration.ZERO)),
                Arguments.of("-5", Optional.empty()),
                Arguments.of("soon", Optional.empty()),
                Arguments.of("", Optional.empty()),
                Arguments.of(null, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void secondsOrAnHttpDate_elseNothing(String header, Optional<Duration> expected) {
        assertThat(RetryAfterHeader.parse(header, NOW)).isEqualTo(expected);
    }
}
