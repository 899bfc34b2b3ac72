package dev.kiroscim.server.scim.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextRulesTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain ASCII", "ann@example.com", null),
                Arguments.of("tab, LF and CR are text", "100 Universal City Plaza\nHollywood\r\n\tCA", null),
                Arguments.of("emoji (a surrogate pair)", "ann \uD83D\uDE00", null),
                Arguments.of("RTL and combining characters", "\u05E9\u05DC\u05D5\u05DD e\u0301", null),
                Arguments.of("NUL", "a\u0000b", "control character U+0000 at position 1"),
                Arguments.of("bell", "\u0007", "control character U+0007 at position 0"),
                Arguments.of("escape", "x\u001B[31m", "control character U+001B at position 1"),
                Arguments.of("DEL", "a\u007F", "control character U+007F at position 1"),
                Arguments.of("lone high surrogate", "a\uD800", "unpaired surrogate U+D800 at position 1"),
                Arguments.of("lone low surrogate", "\uDC00a", "unpaired surrogate U+DC00 at position 0"),
                Arguments.of("reversed pair", "\uDE00\uD83D", "unpaired surrogate U+DE00 at position 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void problem(String label, String text, String expected) {
        assertThat(TextRules.problem(text).orElse(null)).isEqualTo(expected);
    }
}
