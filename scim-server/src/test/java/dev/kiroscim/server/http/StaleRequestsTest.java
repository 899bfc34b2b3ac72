package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The load balancer's receive time, from the headers HAProxy, nginx and the ALB send. */
class StaleRequestsTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("HAProxy date(0,ms)", "t=1796120268496", null, OptionalLong.of(1796120268496L)),
                Arguments.of("milliseconds without t=", "1796120268496", null, OptionalLong.of(1796120268496L)),
                Arguments.of("microseconds (Apache %t)", "t=1796120268496123", null, OptionalLong.of(1796120268496L)),
                Arguments.of(
                        "seconds with fraction (nginx $msec)",
                        "t=1796120268.496",
                        null,
                        OptionalLong.of(1796120268000L)),
                Arguments.of(
                        "ALB trace id",
                        null,
                        "Root=1-6b0e3a4c-abcdef012345678901234567",
                        OptionalLong.of(0x6b0e3a4cL * 1000)),
                Arguments.of(
                        "ALB trace id with Self",
                        null,
                        "Self=1-67891234-12456789abcdef012345678;Root=1-6b0e3a4c-abcdef012345678901234567",
                        OptionalLong.of(0x6b0e3a4cL * 1000)),
                Arguments.of(
                        "X-Request-Start wins over the trace id",
                        "t=1796120268496",
                        "Root=1-6b0e3a4c-abc",
                        OptionalLong.of(1796120268496L)),
                Arguments.of("garbage", "yesterday", "nothing here", OptionalLong.empty()),
                Arguments.of("no headers", null, null, OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void receiveTime(String name, String requestStart, String traceId, OptionalLong expected) {
        assertThat(StaleRequests.receivedAtMillis(requestStart, traceId)).isEqualTo(expected);
    }
}
