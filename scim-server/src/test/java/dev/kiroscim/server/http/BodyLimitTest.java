package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A request body that never arrives whole is a client error (400 or 408), never a 500. */
class BodyLimitTest {

    static Stream<Arguments> failedReads() {
        return Stream.of(
                Arguments.of(new EOFException(), 400),
                Arguments.of(new IOException("Connection reset by peer"), 400),
                Arguments.of(new IOException(new TimeoutException()), 408),
                Arguments.of(new SocketTimeoutException("Read timed out"), 408));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failedReads")
    void aFailedBodyReadIsTheClientsError(IOException failure, int status) {
        assertThat(BodyLimit.incomplete(failure).getResponse().getStatus()).isEqualTo(status);
        assertThat(BodyLimit.incomplete(failure)).hasCause(failure);
    }
}
