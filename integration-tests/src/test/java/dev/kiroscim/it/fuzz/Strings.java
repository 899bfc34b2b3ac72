package dev.kiroscim.it.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** Hostile text: lengths at our limits, Unicode edge cases, numbers at theirs. */
final class Strings {

    /** Markers replaced in serialised JSON by escapes a JSON generator would not write (lone surrogates). */
    static final String LONE_HIGH = "\u0001LONEHIGH\u0001";

    static final String LONE_LOW = "\u0001LONELOW\u0001";

    static final List<Integer> LENGTHS = List.of(
            0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 4096, 16_385, 100_000);

    static final List<String> UNICODE = List.of(
            "\u0000",
            "a\u0000b",
            "\u0007",
            "\u001b[31m",
            "\u007f",
            "\t",
            "\r\n",
            "\u0085",
            "\u2028",
            LONE_HIGH,
            LONE_LOW,
            "a" + LONE_HIGH + "b",
            LONE_LOW + LONE_HIGH,
            "\u202eevil\u202c",
            "\u05e9\u05dc\u05d5\u05dd",
            "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
            "e" + "\u0301".repeat(40),
            "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
            "\ud83d\ude00",
            "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\u200b",
            "\ufeff",
            "\ufffd",
            "\uffff",
            "\ufffe",
            "\u0130stanbul",
            "\u1e9e",
            "ß",
            "ﬃ",
            "Ⅻ",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "' or 1=1 --",
            "%",
            "_",
            "\\",
            "\"",
            "${jndi:ldap://x}",
            "<script>",
            "../../etc/passwd",
            "null",
            "true",
            "");

    static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "1",
            "-1",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "1e308",
            "1e309",
            "-1e309",
            "1e-400",
            "1E400",
            "4.9e-324",
            "123456789012345678901234567890123456789",
            "0.1",
            "1e999999999",
            "1e-999999999",
            "3.141592653589793238462643383279502884197",
            "00",
            "01",
            "1.",
            ".5",
            "+1",
            "0x10",
            "NaN",
            "Infinity",
            "-");

    private Strings() {}

    /** A short or long, plain or hostile text. */
    static String text(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 ->
                repeat(
                        random,
                        Grammar.pick(random, List.of("a", "İ", "\ud83d\ude00", "é", "x\u0301")),
                        Grammar.pick(random, LENGTHS));
            case 1, 2 -> Grammar.pick(random, UNICODE);
            case 3 -> "fuzz" + Grammar.pick(random, UNICODE) + random.nextInt(1000);
            default -> "plain-" + random.nextInt(1_000_000);
        };
    }

    static String repeat(SplittableRandom random, String unit, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(unit);
        }
        return out.length() > length && unit.length() == 1 ? out.substring(0, length) : out.toString();
    }

    /** Random code units, as a string (control characters, surrogates and all). */
    static String randomBytesAsText(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(
                    switch (random.nextInt(4)) {
                        case 0 -> (char) random.nextInt(0x20);
                        case 1 -> (char) random.nextInt(0x10000);
                        default -> (char) (0x20 + random.nextInt(0x5f));
                    });
        }
        return out.toString();
    }

    /** Escapes for a filter string literal; markers become lone-surrogate escapes. */
    static String jsonEscapeForFilter(String text) {
        return text.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace(LONE_HIGH, "\\ud800")
                .replace(LONE_LOW, "\\udc00");
    }
}
