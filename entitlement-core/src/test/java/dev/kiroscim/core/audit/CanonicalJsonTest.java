package dev.kiroscim.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalJsonTest {

    static Stream<Arguments> values() {
        Map<String, Object> unsorted = new LinkedHashMap<>();
        unsorted.put("b", List.of(1, "x\n"));
        unsorted.put("a", null);
        unsorted.put("B", true);
        return Stream.of(
                Arguments.of(
                        "keys sorted by UTF-16 code unit, nulls kept",
                        unsorted,
                        "{\"B\":true,\"a\":null,\"b\":[1,\"x\\n\"]}"),
                Arguments.of("quote and backslash escaped", "a\"b\\c", "\"a\\\"b\\\\c\""),
                Arguments.of("other controls as lower-case \\u00xx", "\u0001\u001f", "\"\\u0001\\u001f\""),
                Arguments.of("non-ASCII and slash as themselves", "Zoë/ö", "\"Zoë/ö\""),
                Arguments.of(
                        "integers in plain decimal",
                        Arrays.asList(-12L, 0, Long.MAX_VALUE),
                        "[-12,0,9223372036854775807]"),
                Arguments.of("empty object", Map.of(), "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writesOneTextPerValue(String rule, Object value, String expected) {
        assertThat(CanonicalJson.write(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void parsingTheCanonicalTextGivesItBack(String rule, Object value, String expected) {
        Map<String, Object> wrapped = CanonicalJson.copyOf(Map.of("v", value));
        String text = CanonicalJson.write(wrapped);
        assertThat(CanonicalJson.write(CanonicalJson.parseObject(text))).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void rejectsFloatingPointNumbers() {
        assertThatThrownBy(() -> CanonicalJson.copyOf(Map.of("price", 1.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
