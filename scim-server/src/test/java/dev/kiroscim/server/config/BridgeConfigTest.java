package dev.kiroscim.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.audit.AuditRetention;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.seats.PolicyInForce;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kiro-scim.yaml is read once into one tree; every section reports its mistakes with their line. */
class BridgeConfigTest {

    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 25
            pools:
              - group: Team
                tier: PRO
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("kiro-scim.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aMissingFileOrOneWithOnlyCommentsGivesTheDefaultsAndTheBuiltInPolicy() throws IOException {
        for (BridgeConfig config :
                List.of(BridgeConfig.load(dir.resolve("absent.yaml")), BridgeConfig.load(write("# nothing yet\n")))) {
            assertThat(config.scim()).isEqualTo(ScimSettings.DEFAULTS);
            assertThat(config.maxInFlight()).isEqualTo(ServerSection.DEFAULT_MAX_IN_FLIGHT);
            assertThat(config.maxRequestAge()).isEqualTo(ServerSection.DEFAULT_MAX_REQUEST_AGE);
            assertThat(config.auditRetention()).isEmpty();
            assertThat(config.identityCenter().store()).isEmpty();
            assertThat(config.usage().enabled()).isFalse();
            assertThat(config.policyInForce()).isEqualTo(PolicyInForce.builtInDefault());
            assertThat(config.storedPolicy("start-up", Instant.EPOCH).source()).isEqualTo(PolicyInForce.BUILT_IN);
        }
    }

    @Test
    void thePolicyComesFromTheSameReadAsEveryOtherSection() throws IOException {
        Path file = write("scim:\n  maxResults: 50\nserver:\n  maxInFlight: 8\naudit:\n  retention: P400D\n" + POLICY);
        BridgeConfig config = BridgeConfig.load(file);

        assertThat(config.scim().maxResults()).isEqualTo(50);
        assertThat(config.maxInFlight()).isEqualTo(8);
        assertThat(config.auditRetention()).contains(new AuditRetention(Period.ofDays(400), Duration.ZERO));
        Policy policy = config.policyInForce().policy();
        assertThat(policy.tier("PRO").orElseThrow().monthlyPriceUsd()).isEqualByComparingTo(new BigDecimal("25"));
        assertThat(config.policyInForce().source()).isEqualTo(file.toString());
        assertThat(config.policyInForce().contentSha256()).hasSize(64).isEqualTo(BridgeConfig.contentSha256(file));
        assertThat(config.storedPolicy("start-up", Instant.EPOCH).content()).isEqualTo(Files.readString(file));
    }

    /** One mistake per section; each expected entry is {@code LINE: message}. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "scim",
                        "scim:\n  patchResponse: none\n",
                        "2: scim.patchResponse must be 'resource' or 'no-content', not 'none'"),
                Arguments.of(
                        "scim", "scim:\n  maxResults: 0\n", "2: scim.maxResults must be a positive integer, got '0'"),
                Arguments.of(
                        "server",
                        "server:\n  maxInFlight: 8\n  maxRequestAge: PT0.5S\n",
                        "3: server.maxRequestAge must be at least PT1S, got 'PT0.5S'"),
                Arguments.of("server", "server:\n  trustedProxies: [10.0.0.0/33]\n", "2: server.trustedProxies: "),
                Arguments.of(
                        "server",
                        "server:\n  rateLimit:\n    perTokenPerSecond: fast\n",
                        "3: server.rateLimit.perTokenPerSecond must be a number, 0 or more, got 'fast'"),
                Arguments.of(
                        "audit",
                        "audit:\n  retention: soon\n",
                        "2: audit.retention must be a positive ISO-8601 duration like P400D"),
                Arguments.of(
                        "audit",
                        "audit:\n  retention: P0D\n",
                        "2: audit.retention must be a positive ISO-8601 duration"),
                Arguments.of(
                        "policy",
                        "scim:\n  maxResults: 10\n" + POLICY.replace("tier: PRO", "tier: PRO_X"),
                        "9: pool 'Team' names unknown tier 'PRO_X' (defined: PRO)"),
                Arguments.of("policy", "overage:\n  enabled: true\n", "1: the policy is missing 'tiers:'"),
                Arguments.of(
                        "identityCenter",
                        "identityCenter:\n  identityStoreId: d-1234567890\n  reconcileInterval: hourly\n",
                        "3: identityCenter.reconcileInterval must be an ISO-8601 duration"),
                Arguments.of(
                        "identityCenter",
                        "identityCenter:\n  identityStoreId: d-1234567890\n",
                        "1: identityCenter.region is required with identityStoreId"),
                Arguments.of(
                        "usage",
                        "usage:\n  importAt: dawn\n",
                        "2: usage.importAt must be a UTC time like \"03:00\", not 'dawn'"),
                Arguments.of(
                        "usage",
                        "usage:\n  accountId: \"111122223333\"\n  s3:\n    bucket: b\n    region: us-east-1\n",
                        "3: usage.s3.prefix is required"),
                Arguments.of(
                        "console",
                        "console:\n  idleTimeout: PT0S\n",
                        "2: console.idleTimeout must be longer than zero"),
                Arguments.of(
                        "top level",
                        "tier:\n" + POLICY,
                        "1: unknown key 'tier' at the top level (allowed: scim, server, audit, tiers, pools, overage, billing, "
                                + "identityCenter, usage, console, notifications, notificationRules); did you mean 'tiers'?"),
                Arguments.of("top level", "- scim\n", "1: the top level must be a mapping of sections"),
                Arguments.of("YAML", "scim:\n  maxResults: [1\n", "3: YAML syntax error"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("mistakes")
    void everySectionReportsItsMistakesWithTheirLine(String section, String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> BridgeConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith(file + ":" + expected)));
    }

    @Test
    void mistakesInSeveralSectionsAreAllReportedInLineOrder() throws IOException {
        Path file = write("scim:\n  maxResults: 0\n" + POLICY.replace("monthlyPriceUsd: 25", "monthlyPriceUsd: -1")
                + "console:\n  idleTimeout: never\n");
        assertThatThrownBy(() -> BridgeConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> assertThat(((ConfigException) e).problems())
                                .containsExactly(
                                        file + ":2: scim.maxResults must be a positive integer, got '0'",
                                        file + ":6: monthlyPriceUsd must not be negative, got -1",
                                        file
                                                + ":11: console.idleTimeout must be an ISO-8601 duration like PT30S, PT30M or P1D (days or smaller), got 'never'"));
    }

    @Test
    void aYearOfRetentionIsOneCalendarYear() throws IOException {
        AuditRetention year = BridgeConfig.load(write("audit:\n  retention: P1Y\n"))
                .auditRetention()
                .orElseThrow();
        assertThat(year).isEqualTo(new AuditRetention(Period.ofYears(1), Duration.ZERO));
        assertThat(year.cutoff(Instant.parse("2027-03-01T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void policyCheckAndApplyNeedAPolicyInTheFile() throws IOException {
        Path file = write("scim:\n  maxResults: 10\n");
        assertThatThrownBy(() -> BridgeConfig.requirePolicy(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: the file holds no policy; it needs 'tiers:' and 'pools:'");
        assertThat(BridgeConfig.requirePolicy(write(POLICY))
                        .policyInForce()
                        .policy()
                        .pools())
                .hasSize(1);
    }

    /** What another helper's section looks like: one record with a SECTION constant, read from the same tree. */
    record WebhookSection(String url) {
        static final ConfigSection<WebhookSection> SECTION = ConfigSection.of("pager", WebhookSection::read);

        static WebhookSection read(ConfigNode node, ConfigProblems problems) {
            if (!node.mapping(problems, Set.of("webhook"))) {
                return new WebhookSection("");
            }
            String url = node.get("webhook").text(problems, "");
            if (!url.startsWith("https://")) {
                problems.add(node.get("webhook"), "pager.webhook must be an https:// URL");
            }
            return new WebhookSection(url);
        }
    }

    @Test
    void aNewSectionIsOneRecordAddedToTheList() throws IOException {
        Path file = write("scim:\n  maxResults: 10\npager:\n  webhook: https://hooks.example.com/kiro\n");
        assertThatThrownBy(() -> BridgeConfig.load(file))
                .hasMessageContaining(":3: unknown key 'pager' at the top level");

        List<ConfigSection<?>> sections = new ArrayList<>(ConfigSections.ALL);
        sections.add(WebhookSection.SECTION);
        assertThat(BridgeConfig.load(file, sections)
                        .section(WebhookSection.SECTION)
                        .url())
                .isEqualTo("https://hooks.example.com/kiro");

        Path bad = write("pager:\n  webhook: http://plain\n");
        assertThatThrownBy(() -> BridgeConfig.load(bad, sections))
                .hasMessage(bad + ":2: pager.webhook must be an https:// URL");
    }
}
