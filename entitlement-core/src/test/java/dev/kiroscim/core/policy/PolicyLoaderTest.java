package dev.kiroscim.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {

    /** The example from issue 4, line numbers matter for the table below. */
    static final String ISSUE_EXAMPLE = """
            tiers:                       # lowest first; order is rank
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
              - name: PRO_PLUS
                identityCenterGroup: kiro-pro-plus
                monthlyPriceUsd: 40
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
            pools:
              - group: Kiro-Developers   # SCIM group displayName (case-insensitive) or externalId
                tier: PRO
                seats: 200               # omit for unlimited
              - group: Kiro-Platform
                tier: PRO_PLUS
                seats: 20
              - group: Kiro-Contractors
                tier: PRO
                seats: 50
                maxGrant: P90D           # ISO-8601 duration; the grant ends this long after it starts
            """;

    /** The policy lives in the server's kiro-scim.yaml, next to sections that other parts of the server read. */
    @Test
    void ignoresTheServersOtherConfigSections() throws PolicyException {
        String config = """
                scim:
                  patchResponse: no-content
                server:
                  maxInFlight: 32
                identityCenter:
                  region: eu-west-1
                  identityStoreId: d-1234567890
                audit:
                  retention: P400D
                """ + ISSUE_EXAMPLE;

        assertThat(PolicyLoader.parse(config)).isEqualTo(PolicyLoader.parse(ISSUE_EXAMPLE));
    }

    @Test
    void parsesTheIssueExample() throws PolicyException {
        Policy policy = PolicyLoader.parse(ISSUE_EXAMPLE);

        assertThat(policy.tiers())
                .containsExactly(
                        new Tier("PRO", "kiro-pro", new BigDecimal("20"), 0),
                        new Tier("PRO_PLUS", "kiro-pro-plus", new BigDecimal("40"), 1),
                        new Tier("POWER", "kiro-power", new BigDecimal("200"), 2));
        assertThat(policy.pools())
                .containsExactly(
                        new Pool("Kiro-Developers", "PRO", OptionalInt.of(200), Optional.empty()),
                        new Pool("Kiro-Platform", "PRO_PLUS", OptionalInt.of(20), Optional.empty()),
                        new Pool("Kiro-Contractors", "PRO", OptionalInt.of(50), Optional.of(Duration.ofDays(90))));
    }

    @Test
    void builtInDefaultIsTheIssueExampleWithoutCapsOrMaxGrant_plusProMaxAndAllowances() throws PolicyException {
        Policy example = PolicyLoader.parse(ISSUE_EXAMPLE);
        List<Pool> uncapped = example.pools().stream()
                .map(p -> Pool.unlimited(p.group(), p.tier()))
                .toList();

        assertThat(Policy.builtInDefault().tiers())
                .extracting(
                        Tier::name,
                        Tier::identityCenterGroup,
                        t -> t.monthlyPriceUsd().intValueExact(),
                        t -> t.includedCredits().orElseThrow().intValueExact())
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("PRO", "kiro-pro", 20, 1000),
                        org.assertj.core.api.Assertions.tuple("PRO_PLUS", "kiro-pro-plus", 40, 2000),
                        org.assertj.core.api.Assertions.tuple("PRO_MAX", "kiro-pro-max", 100, 5000),
                        org.assertj.core.api.Assertions.tuple("POWER", "kiro-power", 200, 10000));
        assertThat(Policy.builtInDefault().pools()).isEqualTo(uncapped);
        assertThat(Policy.builtInDefault().costs()).isEqualTo(CostTerms.DEFAULT);
    }

    @Test
    void helpersMatchGroupsCaseInsensitivelyAndOrderPoolsByPreference() {
        Policy policy = Policy.builtInDefault();

        assertThat(policy.poolsForGroup("kiro-platform"))
                .extracting(Pool::group)
                .containsExactly("Kiro-Platform");
        assertThat(policy.poolsForGroup("Kiro-Nobody")).isEmpty();
        assertThat(policy.tier("POWER")).map(Tier::rank).contains(3);
        assertThat(policy.poolsByPreference())
                .extracting(Pool::group)
                .containsExactly("Kiro-Platform", "Kiro-Developers", "Kiro-Contractors");
        assertThat(policy.tiersBelow(policy.requirePool("Kiro-Platform"))).containsExactly("PRO");
    }

    @Test
    void acceptsShortDurationsNullListsAndQuotedNumbers() throws PolicyException {
        Policy policy = PolicyLoader.parse("""
                tiers:
                  - {name: PRO, identityCenterGroup: kiro-pro, monthlyPriceUsd: "19.5"}
                pools:
                  - group: Kiro-Trial
                    tier: PRO
                    seats: 0
                    maxGrant: PT5S
                """);

        assertThat(policy.pools().get(0))
                .isEqualTo(new Pool("Kiro-Trial", "PRO", OptionalInt.of(0), Optional.of(Duration.ofSeconds(5))));
        assertThat(policy.tiers().get(0).monthlyPriceUsd()).isEqualByComparingTo("19.5");
        assertThat(PolicyLoader.parse("tiers:\n  - {name: PRO, identityCenterGroup: g, monthlyPriceUsd: 1}\npools:\n")
                        .pools())
                .isEmpty();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(
                        "pool names an undefined tier",
                        ISSUE_EXAMPLE.replace("tier: PRO_PLUS", "tier: PRO_PLUSS"),
                        List.of(
                                "16: pool 'Kiro-Platform' names unknown tier 'PRO_PLUSS' (defined: PRO, PRO_PLUS, POWER)")),
                Arguments.of(
                        "tier defined twice",
                        ISSUE_EXAMPLE.replace("name: POWER", "name: PRO"),
                        List.of("8: tier 'PRO' is defined twice (first on line 2)")),
                Arguments.of(
                        "duplicate pool, case-insensitive",
                        ISSUE_EXAMPLE.replace("group: Kiro-Contractors", "group: kiro-DEVELOPERS"),
                        List.of(
                                "18: duplicate pool for group 'kiro-DEVELOPERS' (first on line 12; group names are compared case-insensitively)")),
                Arguments.of(
                        "negative seat count",
                        ISSUE_EXAMPLE.replace("seats: 20\n", "seats: -5\n"),
                        List.of("17: seats must not be negative, got -5")),
                Arguments.of(
                        "seat count that is not a whole number",
                        ISSUE_EXAMPLE.replace("seats: 20\n", "seats: twenty\n"),
                        List.of("17: seats must be a whole number >= 0 (omit it for unlimited), got 'twenty'")),
                Arguments.of(
                        "months are not a Duration",
                        ISSUE_EXAMPLE.replace("P90D", "P3M"),
                        List.of(
                                "21: maxGrant must be an ISO-8601 duration such as P90D or PT5S (days or smaller; no months or years), got 'P3M'")),
                Arguments.of(
                        "prose duration",
                        ISSUE_EXAMPLE.replace("P90D", "90 days"),
                        List.of(
                                "21: maxGrant must be an ISO-8601 duration such as P90D or PT5S (days or smaller; no months or years), got '90 days'")),
                Arguments.of(
                        "zero duration",
                        ISSUE_EXAMPLE.replace("P90D", "PT0S"),
                        List.of("21: maxGrant must be longer than zero, got PT0S")),
                Arguments.of(
                        "typo in a pool key",
                        ISSUE_EXAMPLE.replace("seats: 50", "seat: 50"),
                        List.of(
                                "20: unknown key 'seat' in a pool (allowed: group, tier, seats, maxGrant, reclaimAfterIdle, reclaim, reclaimGrace, monthlyBudgetUsd); did you mean 'seats'?")),
                Arguments.of(
                        "pool without tier",
                        ISSUE_EXAMPLE.replace("    tier: PRO_PLUS\n", ""),
                        List.of("15: pool is missing 'tier'")),
                Arguments.of(
                        "tier without identityCenterGroup",
                        ISSUE_EXAMPLE.replace("    identityCenterGroup: kiro-power\n", ""),
                        List.of("8: tier is missing 'identityCenterGroup'")),
                Arguments.of(
                        "tier with a negative price",
                        ISSUE_EXAMPLE.replace("monthlyPriceUsd: 40", "monthlyPriceUsd: -40"),
                        List.of("7: monthlyPriceUsd must not be negative, got -40")),
                Arguments.of(
                        "missing pools",
                        ISSUE_EXAMPLE.substring(0, ISSUE_EXAMPLE.indexOf("pools:")),
                        List.of("1: the policy is missing 'pools:'")),
                Arguments.of(
                        "empty file",
                        "   \n# nothing\n",
                        List.of("1: the policy file is empty; it needs 'tiers:' and 'pools:'")),
                Arguments.of(
                        "not a mapping",
                        "- PRO\n",
                        List.of("1: the policy must be a mapping with 'tiers:' and 'pools:', got a list")),
                Arguments.of(
                        "YAML syntax error: bad indentation",
                        ISSUE_EXAMPLE.replace("    seats: 20\n", "   seats: 20\n"),
                        List.of(
                                "17: YAML syntax error: expected <block end>, but found '<block mapping start>' (while parsing a block collection that starts on line 12)")),
                Arguments.of(
                        "YAML syntax error: unclosed flow list",
                        "tiers: [\npools:\n  - group: x\n",
                        List.of(
                                "3: YAML syntax error: expected the node content, but found '-' (while parsing a flow node that starts on line 3)")),
                Arguments.of(
                        "several problems are all reported, in line order",
                        ISSUE_EXAMPLE
                                .replace("seats: 20\n", "seats: -1\n")
                                .replace("tier: PRO\n    seats: 50", "tier: PRO_X\n    seat: 50")
                                .replace("P90D", "soon"),
                        List.of(
                                "17: seats must not be negative, got -1",
                                "19: pool 'Kiro-Contractors' names unknown tier 'PRO_X' (defined: PRO, PRO_PLUS, POWER)",
                                "20: unknown key 'seat' in a pool (allowed: group, tier, seats, maxGrant, reclaimAfterIdle, reclaim, reclaimGrace, monthlyBudgetUsd); did you mean 'seats'?",
                                "21: maxGrant must be an ISO-8601 duration such as P90D or PT5S (days or smaller; no months or years), got 'soon'")));
    }

    /** Each expected entry is {@code LINE: message}, in the order the problems are reported (by line). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadFilesWithLineNumberedMessages(String why, String yaml, List<String> expected) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "policy.yaml"));

        List<String> actual =
                e.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(e.getMessage().lines()).allMatch(l -> l.startsWith("policy.yaml:"));
    }

    @Test
    void messageRendersFileLineMessage() {
        assertThatThrownBy(() -> PolicyLoader.parse(
                        ISSUE_EXAMPLE.replace("seats: 20\n", "seats: -5\n"), "/etc/kiro/policy.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("/etc/kiro/policy.yaml:17: seats must not be negative, got -5")
                .hasToString("/etc/kiro/policy.yaml:17: seats must not be negative, got -5");
    }

    @Test
    void loadNamesTheFileInMessages(@TempDir Path dir) throws IOException, PolicyException {
        Path good = Files.writeString(dir.resolve("good.yaml"), ISSUE_EXAMPLE);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), ISSUE_EXAMPLE.replace("P90D", "P3M"));

        assertThat(PolicyLoader.load(good).pools()).hasSize(3);
        assertThatThrownBy(() -> PolicyLoader.load(bad)).hasMessageStartingWith(bad + ":21: maxGrant");
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml:1: cannot read the file");
    }
}
