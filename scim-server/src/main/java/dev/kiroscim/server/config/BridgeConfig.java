package dev.kiroscim.server.config;

import dev.kiroscim.core.audit.AuditRetention;
import dev.kiroscim.core.policy.PolicyProblem;
import dev.kiroscim.core.policy.UnknownKeys;
import dev.kiroscim.core.policy.YamlNode;
import dev.kiroscim.core.policy.YamlTreeReader;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.StoredPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's configuration file ({@code --config}, default {@code ./kiro-scim.yaml}), read once into one YAML tree
 * with line numbers and then into one typed value per section ({@link ConfigSections#ALL}): {@code scim},
 * {@code server}, {@code audit}, the policy ({@code tiers}, {@code pools}, {@code overage}, {@code billing}; see
 * {@link dev.kiroscim.core.policy.PolicyLoader}),
 * {@code identityCenter}, {@code usage}, {@code console}, {@code notifications} and {@code notificationRules}. A missing file means built-in defaults everywhere.
 *
 * <p>A file with mistakes is rejected as a whole, with every problem of every section as {@code FILE:LINE: message}
 * ({@link ConfigException}); start-up, {@code policy check}, {@code policy apply} and a policy reload all apply the same
 * rules, because they all read the file here.
 *
 * @param source   the file as named (may not exist; a reload reads it again, and it may exist by then)
 * @param text     the file's text ({@code ""} without a file): what the cluster stores as its active policy
 * @param sha256   hex SHA-256 of the file's bytes ({@code ""} without a file)
 * @param sections each section's value, by section
 */
public record BridgeConfig(Path source, String text, String sha256, Map<ConfigSection<?>, Object> sections) {

    public BridgeConfig {
        sections = Map.copyOf(sections);
    }

    /** The built-in defaults of every section, as for a missing file. */
    public static BridgeConfig defaults() {
        return load(null);
    }

    /** Reads the file; a missing file gives the defaults, a wrong one a {@link ConfigException} listing every problem. */
    public static BridgeConfig load(Path file) {
        return load(file, ConfigSections.ALL);
    }

    static BridgeConfig load(Path file, List<ConfigSection<?>> known) {
        if (file == null || !Files.exists(file)) {
            return read(file, "", "", new YamlNode.Mapping(1, new LinkedHashMap<>(), new LinkedHashMap<>()), known);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new PolicyProblem(1, "cannot read the file: " + e)));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<PolicyProblem> syntax = new ArrayList<>();
        Optional<YamlNode> root = new YamlTreeReader(syntax).readConfig(text);
        if (root.isEmpty() || !syntax.isEmpty()) {
            throw rejected(file, syntax);
        }
        return read(file, text, sha256(bytes), root.get(), known);
    }

    private static BridgeConfig read(
            Path file, String text, String sha256, YamlNode root, List<ConfigSection<?>> known) {
        ConfigProblems problems = new ConfigProblems();
        if (!(root instanceof YamlNode.Mapping top)) {
            problems.add(
                    ConfigNode.root(root),
                    "the top level must be a mapping of sections ("
                            + String.join(", ", ConfigSections.topLevelKeys(known)) + "), got "
                            + YamlNode.describe(root));
            throw rejected(file, problems.list());
        }
        UnknownKeys.check(top, ConfigSections.topLevelKeys(known), "at the top level", problems.list());
        Map<ConfigSection<?>, Object> values = new LinkedHashMap<>();
        for (ConfigSection<?> section : known) {
            values.put(section, section.read(ConfigNode.root(root), problems));
        }
        if (!problems.isEmpty()) {
            throw rejected(file, problems.list());
        }
        return new BridgeConfig(file, text, sha256, values);
    }

    private static ConfigException rejected(Path file, List<PolicyProblem> problems) {
        List<PolicyProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(PolicyProblem::line));
        return new ConfigException(String.valueOf(file), sorted);
    }

    /** The value of one section, e.g. {@code config.section(ConsoleSection.SECTION)}. */
    public <T> T section(ConfigSection<T> section) {
        Object value = sections.get(section);
        if (value == null) {
            throw new IllegalArgumentException("section " + section + " is not in ConfigSections.ALL");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    /**
     * The policy this file asks for, with where it came from: the file's own, or the built-in default when the file
     * declares none (or there is no file).
     */
    public PolicyInForce policyInForce() {
        return section(PolicySection.SECTION)
                .declared()
                .map(p -> new PolicyInForce(p, source.toString(), sha256))
                .orElseGet(PolicyInForce::builtInDefault);
    }

    /**
     * {@link #policyInForce()} as the cluster stores it ({@code storedBy}: who applies it); the built-in default is
     * stored as empty text with source {@code built-in}.
     */
    public StoredPolicy storedPolicy(String storedBy, Instant at) {
        return section(PolicySection.SECTION).declared().isPresent()
                ? new StoredPolicy(sha256, source.toString(), text, at, storedBy)
                : new StoredPolicy("", PolicyInForce.BUILT_IN, "", at, storedBy);
    }

    /**
     * For {@code policy check} and {@code policy apply}: the file must exist and declare a policy.
     *
     * @throws ConfigException when it does not
     */
    public static BridgeConfig requirePolicy(Path file) {
        if (file == null || !Files.exists(file)) {
            throw new ConfigException(
                    String.valueOf(file), List.of(new PolicyProblem(1, "cannot read the file: it does not exist")));
        }
        BridgeConfig config = load(file);
        if (config.section(PolicySection.SECTION).declared().isEmpty()) {
            throw new ConfigException(
                    file.toString(),
                    List.of(new PolicyProblem(1, "the file holds no policy; it needs 'tiers:' and 'pools:'")));
        }
        return config;
    }

    public ScimSettings scim() {
        return section(ScimSection.SECTION);
    }

    public int maxInFlight() {
        return section(ServerSection.SECTION).maxInFlight();
    }

    /** {@code server.maxRequestAge}; see {@link ServerSection}. */
    public Duration maxRequestAge() {
        return section(ServerSection.SECTION).maxRequestAge();
    }

    /** {@code server.trustedProxies} and {@code server.rateLimit}; see {@link EdgeSection}. */
    public EdgeSection edge() {
        return section(ServerSection.SECTION).edge();
    }

    /** {@code audit.retention}; empty: keep forever. */
    public Optional<AuditRetention> auditRetention() {
        return section(AuditSection.SECTION).retention();
    }

    public IdentityCenterSection identityCenter() {
        return section(IdentityCenterSection.SECTION);
    }

    public UsageSection usage() {
        return section(UsageSection.SECTION);
    }

    public ConsoleSection console() {
        return section(ConsoleSection.SECTION);
    }

    /** The {@code notifications:} list and {@code notificationRules:}; see {@link NotificationsSection}. */
    public NotificationsSection notifications() {
        return section(NotificationsSection.SECTION);
    }

    /** Hex SHA-256 of the file as it is now, or {@code ""} when it cannot be read; for {@code policy.rejected}. */
    public static String contentSha256(Path file) {
        try {
            return file == null || !Files.exists(file) ? "" : sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
