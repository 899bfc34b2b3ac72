package dev.kiroscim.server.config;

import dev.kiroscim.core.policy.UnknownKeys;
import dev.kiroscim.core.policy.YamlNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One place in the config tree, with its dotted name for messages and the line it is on, e.g.
 * {@code ("console.idleTimeout", 'PT15M', line 2)}. A key the file does not have is an <em>absent</em> node that
 * points at its parent's line, so every problem has a line.
 *
 * <p>The typed readers ({@link #duration}, {@link #positiveInt}…) return the default when the key is absent, and
 * record a problem (and return the default) when the value is wrong, so a section reports every mistake at once.
 *
 * @param node null when the key is absent
 */
public record ConfigNode(String name, YamlNode node, int line) {

    static ConfigNode root(YamlNode root) {
        return new ConfigNode("", root, root.line());
    }

    /** The child {@code key} of a mapping (absent when this is not a mapping or lacks the key). */
    public ConfigNode get(String key) {
        String child = name.isEmpty() ? key : name + "." + key;
        if (node instanceof YamlNode.Mapping m && m.entries().containsKey(key)) {
            return new ConfigNode(child, m.entries().get(key), m.keyLines().getOrDefault(key, m.line()));
        }
        return new ConfigNode(child, null, line);
    }

    /** True when the key is there with a value other than YAML null. */
    public boolean isSet() {
        return node != null && !(node instanceof YamlNode.Scalar s && s.isNull());
    }

    public boolean isMapping() {
        return node instanceof YamlNode.Mapping;
    }

    /** The scalar's text, trimmed; empty for an absent, null, list or mapping node. */
    public Optional<String> text() {
        return node instanceof YamlNode.Scalar s && !s.isNull()
                ? Optional.of(s.text().trim())
                : Optional.empty();
    }

    /** Keys of a mapping, in file order (none for anything else). */
    public Set<String> keys() {
        return node instanceof YamlNode.Mapping m
                ? new LinkedHashSet<>(m.entries().keySet())
                : Set.of();
    }

    /**
     * A mapping section: true when it is a mapping (its unknown keys are reported) or absent; false, with a problem,
     * for anything else.
     */
    public boolean mapping(ConfigProblems problems, Set<String> allowed) {
        if (!isSet()) {
            return false;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(this, name + " must be a mapping, got " + describe());
            return false;
        }
        UnknownKeys.check(m, allowed, "in " + name, problems.list());
        return true;
    }

    /** A text value, or {@code fallback} when absent. */
    public String text(ConfigProblems problems, String fallback) {
        if (!isSet()) {
            return fallback;
        }
        Optional<String> text = text();
        if (text.isEmpty()) {
            problems.add(this, name + " must be a text, got " + describe());
            return fallback;
        }
        return text.get();
    }

    /** A list of texts; a single text counts as a list of one, {@code "a, b"} as two when {@code commas}. */
    public List<String> texts(ConfigProblems problems, boolean commas) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                    out.add(s.text().trim());
                } else {
                    problems.add(
                            new ConfigNode(name, item, item.line()),
                            name + " must be a list of texts, got " + YamlNode.describe(item));
                }
            }
        } else if (isSet()) {
            Optional<String> text = text();
            if (text.isEmpty()) {
                problems.add(this, name + " must be a list, got " + describe());
            } else {
                out.addAll(commas ? List.of(text.get().split(",")) : List.of(text.get()));
            }
        }
        return out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** An ISO-8601 duration of at least {@code minimum}, e.g. {@code PT30S}; {@code fallback} when absent. */
    public Duration duration(ConfigProblems problems, Duration minimum, Duration fallback) {
        if (!isSet()) {
            return fallback;
        }
        String text = text().orElse("");
        try {
            Duration d = Duration.parse(text);
            if (d.compareTo(minimum) < 0 || d.isZero()) {
                problems.add(
                        this,
                        name + (minimum.isZero() ? " must be longer than zero" : " must be at least " + minimum)
                                + ", got '" + text + "'");
                return fallback;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(
                    this,
                    name + " must be an ISO-8601 duration like PT30S, PT30M or P1D (days or smaller), got "
                            + describe());
            return fallback;
        }
    }

    /** A whole number of at least 1; {@code fallback} when absent. */
    public int positiveInt(ConfigProblems problems, int fallback) {
        return number(problems, fallback, Integer::valueOf, n -> n >= 1, "a positive integer");
    }

    /** A number of 0 or more; {@code fallback} when absent. */
    public double nonNegative(ConfigProblems problems, double fallback) {
        return number(problems, fallback, t -> new BigDecimal(t).doubleValue(), n -> n >= 0, "a number, 0 or more");
    }

    private <N> N number(
            ConfigProblems problems, N fallback, Function<String, N> parse, Predicate<N> valid, String expected) {
        if (!isSet()) {
            return fallback;
        }
        try {
            N value = parse.apply(text().orElse(""));
            if (valid.test(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(this, name + " must be " + expected + ", got " + describe());
        return fallback;
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    public boolean flag(ConfigProblems problems, boolean fallback) {
        if (!isSet()) {
            return fallback;
        }
        String text = text().orElse("");
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        }
        problems.add(this, name + " must be true or false, got " + describe());
        return fallback;
    }

    /** For messages: {@code 'text'}, {@code nothing}, {@code a list} or {@code a mapping}. */
    public String describe() {
        return node == null ? "nothing" : YamlNode.describe(node);
    }
}
