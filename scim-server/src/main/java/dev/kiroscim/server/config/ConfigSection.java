package dev.kiroscim.server.config;

import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads one section of {@code kiro-scim.yaml} into a typed value. Every section sees the same tree, read once, and
 * reports its problems with their lines; {@link BridgeConfig#load} rejects the file when any section found one.
 *
 * <p>To add a section: write a record for its value with a {@code SECTION} constant, and list that constant in
 * {@link ConfigSections#ALL}. For example:
 * <pre>{@code
 * public record PagerSection(Optional<URI> webhook) {
 *     public static final ConfigSection<PagerSection> SECTION = ConfigSection.of("pager", PagerSection::read);
 *
 *     static PagerSection read(ConfigNode node, ConfigProblems problems) {
 *         if (!node.mapping(problems, Set.of("webhook"))) {
 *             return new PagerSection(Optional.empty());
 *         }
 *         return new PagerSection(Optional.of(URI.create(node.get("webhook").text(problems, ""))));
 *     }
 * }
 * }</pre>
 * and read it with {@code config.section(PagerSection.SECTION)}.
 *
 * @param <T> the section's typed value
 */
public interface ConfigSection<T> {

    /** The top-level keys this section owns, e.g. {@code console}, or {@code tiers, pools, overage, billing}. */
    Set<String> keys();

    /**
     * The section's value from the file's root; defaults for what is absent. On a mistake: add a problem and return
     * any value (the file is rejected anyway).
     */
    T read(ConfigNode root, ConfigProblems problems);

    /** A section under one top-level key; {@code reader} gets that key's node (absent when the file has none). */
    static <T> ConfigSection<T> of(String key, BiFunction<ConfigNode, ConfigProblems, T> reader) {
        return new ConfigSection<>() {
            @Override
            public Set<String> keys() {
                return Set.of(key);
            }

            @Override
            public T read(ConfigNode root, ConfigProblems problems) {
                return reader.apply(root.get(key), problems);
            }

            @Override
            public String toString() {
                return key;
            }
        };
    }
}
