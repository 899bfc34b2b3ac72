package dev.kiroscim.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.testsupport.ExternalComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/alerts/kiro-scim-bridge.rules.yml: valid for Prometheus ({@code promtool check rules}), its unit tests pass
 * ({@code promtool test rules}), and every {@code kiro_*} metric it uses is one the server writes. promtool comes with
 * the Debian package {@code prometheus}; without it these skip, and fail under {@code CI=true}.
 */
class AlertRulesTest {

    private static final Path ALERTS = Path.of("..", "docs", "alerts");
    private static final Path RULES = ALERTS.resolve("kiro-scim-bridge.rules.yml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        requirePromtool();
        assertThat(promtool("check", "rules", RULES.getFileName().toString())).contains("SUCCESS: 12 rules found");
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        requirePromtool();
        assertThat(promtool("test", "rules", "kiro-scim-bridge.rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyMetricTheRulesUseIsOneTheServerWrites() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("kiro_[a-z_]+").matcher(Files.readString(RULES));
        while (m.find()) {
            used.add(m.group());
        }
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .map(AlertRulesTest::read)
                    .collect(Collectors.joining("\n"));
        }
        assertThat(used)
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(metric -> assertThat(sources.contains("\"" + metric)
                                || sources.contains("\"" + micrometerName(metric) + "\""))
                        .as(
                                "a metric named %s is written (as a scrape-time family, or as Micrometer's %s)",
                                metric, micrometerName(metric))
                        .isTrue());
    }

    /** The Micrometer name that Prometheus shows as {@code metric}: {@code kiro_auth_failures_total} is {@code kiro.auth.failures}. */
    private static String micrometerName(String metric) {
        return metric.replaceFirst("_total$", "").replace('_', '.');
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void requirePromtool() {
        ExternalComponent.require(
                "promtool",
                onPath("promtool"),
                "install the Debian package 'prometheus' (apt-get install prometheus), which ships promtool");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(java.io.File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(ALERTS.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue())
                .as("promtool %s exit status; output:%n%s", String.join(" ", args), out)
                .isZero();
        return out;
    }
}
