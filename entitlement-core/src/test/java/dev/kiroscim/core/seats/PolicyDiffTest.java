package dev.kiroscim.core.seats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.policy.PolicyLoader;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code changes} of {@code policy.loaded}: one entry per changed setting, pools by group, tiers by name. */
class PolicyDiffTest {

    private static final String BASE = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
            pools:
              - group: Kiro-Platform
                tier: PRO
                seats: 20
            """;

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of(
                        "unchanged (group case differs)", BASE.replace("Kiro-Platform", "kiro-platform"), Map.of()),
                Arguments.of(
                        "cap raised",
                        BASE.replace("seats: 20", "seats: 30"),
                        Map.of("pools.Kiro-Platform.seats", Map.of("before", 20, "after", 30))),
                Arguments.of(
                        "cap removed",
                        BASE.replace("    seats: 20\n", ""),
                        Map.of("pools.Kiro-Platform.seats", Map.of("before", 20, "after", "unlimited"))),
                Arguments.of(
                        "maxGrant added",
                        BASE + "    maxGrant: P90D\n",
                        Map.of("pools.Kiro-Platform.maxGrant", changeFromNull("PT2160H"))),
                Arguments.of(
                        "price changed",
                        BASE.replace("20\n", "25\n").replace("seats: 25", "seats: 20"),
                        Map.of("tiers.PRO.monthlyPriceUsd", Map.of("before", "20", "after", "25"))),
                Arguments.of(
                        "pool added",
                        BASE + "  - group: Kiro-Interns\n    tier: PRO\n    seats: 5\n",
                        Map.of("pools.Kiro-Interns", changeFromNull("PRO, 5 seats"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void listsWhatChanged(String what, String after, Map<String, Object> expected) throws PolicyException {
        Policy before = PolicyLoader.parse(BASE);
        assertThat(PolicyDiff.between(before, PolicyLoader.parse(after))).isEqualTo(expected);
    }

    private static Map<String, Object> changeFromNull(Object after) {
        java.util.Map<String, Object> change = new java.util.LinkedHashMap<>();
        change.put("before", null);
        change.put("after", after);
        return change;
    }
}
