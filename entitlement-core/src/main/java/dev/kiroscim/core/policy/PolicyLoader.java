package dev.kiroscim.core.policy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads and validates a policy file:
 * <pre>
 * tiers:                       # lowest first; order is rank
 *   - name: PRO
 *     identityCenterGroup: kiro-pro
 *     monthlyPriceUsd: 20
 * pools:
 *   - group: Kiro-Contractors  # SCIM group displayName (case-insensitive) or externalId
 *     tier: PRO
 *     seats: 50                # omit for unlimited
 *     maxGrant: P90D           # ISO-8601 duration, omit for no limit
 * </pre>
 * Validation does not stop at the first mistake: it collects every problem with its line and throws one
 * {@link PolicyException}, so {@code policy check FILE} can list them all. The server reads its whole config file
 * into one {@link YamlNode} tree and validates the policy part with {@link #read}, next to its other sections.
 */
public final class PolicyLoader {
    /** Name used in messages for policies parsed from a string. */
    public static final String STRING_SOURCE = "<policy>";

    /**
     * The top-level keys of {@code kiro-scim.yaml} that make up the policy. The other keys belong to other sections
     * of the same file: the config loader checks them (and reports typos), the policy ignores them.
     */
    public static final Set<String> KEYS = orderedSet("tiers", "pools", "overage", "billing");

    private static final Set<String> TIER_KEYS =
            orderedSet("name", "identityCenterGroup", "monthlyPriceUsd", "includedCredits", "monthlyBudgetUsd");
    private static final Set<String> POOL_KEYS = orderedSet(
            "group", "tier", "seats", "maxGrant", "reclaimAfterIdle", "reclaim", "reclaimGrace", "monthlyBudgetUsd");
    private static final Set<String> OVERAGE_KEYS = orderedSet("enabled", "pricePerCreditUsd");
    private static final Set<String> BILLING_KEYS = orderedSet("newSeats", "upgradeOverage");

    private PolicyLoader() {}

    /** Loads the policy file at {@code file}; messages name the file as given. */
    public static Policy load(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), List.of(new PolicyProblem(1, "cannot read the file: " + e)));
        }
        return parse(text, file.toString());
    }

    /** Parses policy YAML; messages name the source {@value #STRING_SOURCE}. */
    public static Policy parse(String yaml) throws PolicyException {
        return parse(yaml, STRING_SOURCE);
    }

    /**
     * Parses policy YAML, e.g. the text of a whole {@code kiro-scim.yaml} as the cluster stores it; top-level keys
     * other than {@link #KEYS} are ignored. {@code source} is the name used in {@code FILE:LINE: message}.
     */
    public static Policy parse(String yaml, String source) throws PolicyException {
        List<PolicyProblem> problems = new ArrayList<>();
        Optional<YamlNode> root = new YamlTreeReader(problems).read(yaml);
        Policy policy = root.flatMap(r -> read(r, problems)).orElse(null);
        if (!problems.isEmpty() || policy == null) {
            problems.sort(Comparator.comparingInt(PolicyProblem::line));
            throw new PolicyException(source, problems);
        }
        return policy;
    }

    /** Whether the config file declares a policy at all (any of {@link #KEYS}); without one the built-in default applies. */
    public static boolean declaresPolicy(YamlNode root) {
        return root instanceof YamlNode.Mapping top && KEYS.stream().anyMatch(top.entries()::containsKey);
    }

    /**
     * Validates the policy part of a config tree already read; adds every problem, with its line, to {@code problems}.
     *
     * @return the policy, or empty when anything is wrong
     */
    public static Optional<Policy> read(YamlNode root, List<PolicyProblem> problems) {
        return Optional.ofNullable(new Validation(problems).policy(root));
    }

    /** One pass over the tree; adds to {@code problems} and returns null when anything is wrong. */
    private static final class Validation {
        private final List<PolicyProblem> problems;

        Validation(List<PolicyProblem> problems) {
            this.problems = problems;
        }

        Policy policy(YamlNode root) {
            if (!(root instanceof YamlNode.Mapping top)) {
                problem(
                        root.line(),
                        "the policy must be a mapping with 'tiers:' and 'pools:', got " + YamlNode.describe(root));
                return null;
            }
            int before = problems.size();
            List<Tier> tiers = tiers(top);
            List<Pool> pools = pools(top, tiers);
            CostTerms costs = costs(top);
            if (problems.size() > before) {
                return null;
            }
            return new Policy(tiers, pools, costs);
        }

        private List<Tier> tiers(YamlNode.Mapping top) {
            List<Tier> tiers = new ArrayList<>();
            Optional<YamlNode.Sequence> list = requiredList(top, "tiers", "the policy");
            if (list.isEmpty()) {
                return tiers;
            }
            if (list.get().items().isEmpty()) {
                problem(list.get().line(), "'tiers' is empty; define at least one tier");
            }
            Map<String, Integer> nameLines = new HashMap<>();
            Map<String, String> groupOwners = new HashMap<>();
            for (YamlNode item : list.get().items()) {
                if (!(item instanceof YamlNode.Mapping tier)) {
                    problem(
                            item.line(),
                            "each tier must be a mapping with name, identityCenterGroup and monthlyPriceUsd, got "
                                    + YamlNode.describe(item));
                    continue;
                }
                checkKeys(tier, TIER_KEYS, "in a tier");
                Optional<String> name = requiredText(tier, "name", "tier");
                Optional<String> group = requiredText(tier, "identityCenterGroup", "tier");
                Optional<BigDecimal> price = price(tier);
                Optional<Optional<BigDecimal>> credits = optionalAmount(tier, "includedCredits", "1000");
                Optional<Optional<BigDecimal>> budget = optionalAmount(tier, "monthlyBudgetUsd", "500");
                name.ifPresent(n -> {
                    Integer first = nameLines.putIfAbsent(n, lineOfValue(tier, "name"));
                    if (first != null) {
                        problem(
                                lineOfValue(tier, "name"),
                                "tier '" + n + "' is defined twice (first on line " + first + ")");
                    }
                });
                group.ifPresent(g -> {
                    String owner = groupOwners.putIfAbsent(g.toLowerCase(Locale.ROOT), name.orElse("?"));
                    if (owner != null) {
                        problem(
                                lineOfValue(tier, "identityCenterGroup"),
                                "identityCenterGroup '" + g + "' is already used by tier '" + owner + "'");
                    }
                });
                if (name.isPresent()
                        && group.isPresent()
                        && price.isPresent()
                        && credits.isPresent()
                        && budget.isPresent()
                        && tiers.stream().noneMatch(t -> t.name().equals(name.get()))) {
                    tiers.add(
                            new Tier(name.get(), group.get(), price.get(), tiers.size(), credits.get(), budget.get()));
                }
            }
            return tiers;
        }

        private Optional<BigDecimal> price(YamlNode.Mapping tier) {
            YamlNode node = tier.entries().get("monthlyPriceUsd");
            if (node == null || isNull(node)) {
                problem(node == null ? tier.line() : node.line(), "tier is missing 'monthlyPriceUsd'");
                return Optional.empty();
            }
            try {
                BigDecimal price = new BigDecimal(scalarText(node).orElseThrow(NumberFormatException::new));
                if (price.signum() < 0) {
                    problem(node.line(), "monthlyPriceUsd must not be negative, got " + price.toPlainString());
                    return Optional.empty();
                }
                return Optional.of(price);
            } catch (NumberFormatException e) {
                problem(
                        node.line(),
                        "monthlyPriceUsd must be a number like 20 or 39.5, got " + YamlNode.describe(node));
                return Optional.empty();
            }
        }

        private List<Pool> pools(YamlNode.Mapping top, List<Tier> tiers) {
            List<Pool> pools = new ArrayList<>();
            Optional<YamlNode.Sequence> list = requiredList(top, "pools", "the policy");
            if (list.isEmpty()) {
                return pools;
            }
            Map<String, Integer> groupLines = new HashMap<>();
            for (YamlNode item : list.get().items()) {
                if (!(item instanceof YamlNode.Mapping pool)) {
                    problem(
                            item.line(),
                            "each pool must be a mapping with group and tier, got " + YamlNode.describe(item));
                    continue;
                }
                checkKeys(pool, POOL_KEYS, "in a pool");
                Optional<String> group = requiredText(pool, "group", "pool");
                Optional<String> tier = requiredText(pool, "tier", "pool");
                Optional<OptionalInt> seats = seats(pool);
                Optional<Optional<Duration>> maxGrant = maxGrant(pool);
                Optional<Optional<Reclaim>> reclaim = reclaim(pool);
                Optional<Optional<BigDecimal>> budget = optionalAmount(pool, "monthlyBudgetUsd", "500");
                group.ifPresent(g -> {
                    Integer first = groupLines.putIfAbsent(Pool.keyOf(g), lineOfValue(pool, "group"));
                    if (first != null) {
                        problem(
                                lineOfValue(pool, "group"),
                                "duplicate pool for group '" + g + "' (first on line " + first
                                        + "; group names are compared case-insensitively)");
                    }
                });
                tier.ifPresent(t -> {
                    if (tiers.stream().noneMatch(defined -> defined.name().equals(t))
                            && !tierDefinedButInvalid(top, t)) {
                        problem(
                                lineOfValue(pool, "tier"),
                                "pool '" + group.orElse("?") + "' names unknown tier '" + t + "' (defined: "
                                        + String.join(
                                                ", ",
                                                tiers.stream().map(Tier::name).toList()) + ")");
                    }
                });
                if (group.isPresent()
                        && tier.isPresent()
                        && seats.isPresent()
                        && maxGrant.isPresent()
                        && reclaim.isPresent()
                        && budget.isPresent()) {
                    pools.add(new Pool(
                            group.get(), tier.get(), seats.get(), maxGrant.get(), reclaim.get(), budget.get()));
                }
            }
            return pools;
        }

        /** A tier with that name exists in the file but has its own problems: don't report the pool too. */
        private boolean tierDefinedButInvalid(YamlNode.Mapping top, String name) {
            if (!(top.entries().get("tiers") instanceof YamlNode.Sequence list)) {
                return false;
            }
            return list.items().stream()
                    .anyMatch(item -> item instanceof YamlNode.Mapping m
                            && m.entries().get("name") instanceof YamlNode.Scalar s
                            && name.equals(s.text()));
        }

        private Optional<OptionalInt> seats(YamlNode.Mapping pool) {
            YamlNode node = pool.entries().get("seats");
            if (node == null) {
                return Optional.of(OptionalInt.empty());
            }
            Optional<String> text = scalarText(node);
            if (text.isEmpty()) {
                problem(
                        node.line(),
                        "seats must be a whole number >= 0 (omit it for unlimited), got " + YamlNode.describe(node));
                return Optional.empty();
            }
            int seats;
            try {
                seats = Integer.parseInt(text.get().trim());
            } catch (NumberFormatException e) {
                problem(
                        node.line(),
                        "seats must be a whole number >= 0 (omit it for unlimited), got " + YamlNode.describe(node));
                return Optional.empty();
            }
            if (seats < 0) {
                problem(node.line(), "seats must not be negative, got " + seats);
                return Optional.empty();
            }
            return Optional.of(OptionalInt.of(seats));
        }

        private Optional<Optional<Duration>> maxGrant(YamlNode.Mapping pool) {
            return duration(pool, "maxGrant", "P90D or PT5S", false);
        }

        /** An optional ISO-8601 duration (days or smaller); the outer Optional is empty after a problem. */
        private Optional<Optional<Duration>> duration(
                YamlNode.Mapping parent, String key, String examples, boolean zeroAllowed) {
            YamlNode node = parent.entries().get(key);
            if (node == null) {
                return Optional.of(Optional.empty());
            }
            Optional<String> text = scalarText(node);
            String hint = key + " must be an ISO-8601 duration such as " + examples
                    + " (days or smaller; no months or years), got " + YamlNode.describe(node);
            if (text.isEmpty()) {
                problem(node.line(), hint);
                return Optional.empty();
            }
            try {
                Duration duration = Duration.parse(text.get().trim());
                if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
                    problem(node.line(), key + " must be longer than zero, got " + text.get());
                    return Optional.empty();
                }
                return Optional.of(Optional.of(duration));
            } catch (DateTimeParseException e) {
                problem(node.line(), hint);
                return Optional.empty();
            }
        }

        /** {@code reclaimAfterIdle}, {@code reclaim}, {@code reclaimGrace} of a pool. */
        private Optional<Optional<Reclaim>> reclaim(YamlNode.Mapping pool) {
            Optional<Optional<Duration>> afterIdle = duration(pool, "reclaimAfterIdle", "P30D", false);
            Optional<Optional<Duration>> grace = duration(pool, "reclaimGrace", "P14D", true);
            Optional<Optional<Reclaim.Mode>> mode = choice(pool, "reclaim", Reclaim.Mode.class);
            if (afterIdle.isEmpty() || grace.isEmpty() || mode.isEmpty()) {
                return Optional.empty();
            }
            if (afterIdle.get().isEmpty()) {
                for (String key : List.of("reclaim", "reclaimGrace")) {
                    if (pool.entries().containsKey(key)) {
                        problem(
                                lineOfValue(pool, key),
                                key + " needs reclaimAfterIdle (e.g. reclaimAfterIdle: P30D) in the same pool");
                        return Optional.empty();
                    }
                }
                return Optional.of(Optional.empty());
            }
            return Optional.of(Optional.of(new Reclaim(
                    afterIdle.get().get(),
                    mode.get().orElse(Reclaim.Mode.REPORT),
                    grace.get().orElse(Reclaim.DEFAULT_GRACE))));
        }

        /**
         * An optional enum value written in lower case with dashes ({@code full-month} for {@code FULL_MONTH});
         * the outer Optional is empty after a problem.
         */
        private <E extends Enum<E>> Optional<Optional<E>> choice(YamlNode.Mapping parent, String key, Class<E> type) {
            YamlNode node = parent.entries().get(key);
            if (node == null || isNull(node)) {
                return Optional.of(Optional.empty());
            }
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList();
            String text = scalarText(node).map(String::trim).orElse("");
            int index = allowed.indexOf(text.toLowerCase(Locale.ROOT));
            if (index < 0) {
                problem(
                        node.line(),
                        key + " must be one of " + String.join(", ", allowed) + ", got " + YamlNode.describe(node));
                return Optional.empty();
            }
            return Optional.of(Optional.of(type.getEnumConstants()[index]));
        }

        /** An optional number >= 0 (credits or dollars); the outer Optional is empty after a problem. */
        private Optional<Optional<BigDecimal>> optionalAmount(YamlNode.Mapping parent, String key, String example) {
            YamlNode node = parent.entries().get(key);
            if (node == null || isNull(node)) {
                return Optional.of(Optional.empty());
            }
            try {
                BigDecimal value =
                        new BigDecimal(scalarText(node).map(String::trim).orElseThrow(NumberFormatException::new));
                if (value.signum() < 0) {
                    problem(node.line(), key + " must not be negative, got " + value.toPlainString());
                    return Optional.empty();
                }
                return Optional.of(Optional.of(value));
            } catch (NumberFormatException e) {
                problem(node.line(), key + " must be a number like " + example + ", got " + YamlNode.describe(node));
                return Optional.empty();
            }
        }

        /** The top-level {@code overage:} and {@code billing:} sections; defaults when absent. */
        private CostTerms costs(YamlNode.Mapping top) {
            dev.kiroscim.core.billing.OverageTerms overage = CostTerms.DEFAULT.overage();
            YamlNode overageNode = top.entries().get("overage");
            if (overageNode instanceof YamlNode.Mapping o) {
                checkKeys(o, OVERAGE_KEYS, "in overage");
                boolean enabled = flag(o, "enabled").orElse(false);
                BigDecimal price = optionalAmount(o, "pricePerCreditUsd", "0.04")
                        .flatMap(p -> p)
                        .orElse(dev.kiroscim.core.billing.OverageTerms.LIST_PRICE_PER_CREDIT);
                overage = new dev.kiroscim.core.billing.OverageTerms(enabled, price);
            } else if (overageNode != null && !isNull(overageNode)) {
                problem(
                        overageNode.line(),
                        "'overage' must be a mapping with enabled and pricePerCreditUsd, got "
                                + YamlNode.describe(overageNode));
            }
            var upgrade = CostTerms.DEFAULT.upgradeOverage();
            var newSeats = CostTerms.DEFAULT.newSeats();
            YamlNode billingNode = top.entries().get("billing");
            if (billingNode instanceof YamlNode.Mapping b) {
                checkKeys(b, BILLING_KEYS, "in billing");
                newSeats = choice(b, "newSeats", dev.kiroscim.core.billing.BillingRules.NewSeatCharge.class)
                        .flatMap(c -> c)
                        .orElse(newSeats);
                upgrade = choice(b, "upgradeOverage", dev.kiroscim.core.billing.BillingRules.UpgradeOverage.class)
                        .flatMap(c -> c)
                        .orElse(upgrade);
            } else if (billingNode != null && !isNull(billingNode)) {
                problem(
                        billingNode.line(),
                        "'billing' must be a mapping with newSeats and upgradeOverage, got "
                                + YamlNode.describe(billingNode));
            }
            return new CostTerms(overage, upgrade, newSeats);
        }

        private Optional<Boolean> flag(YamlNode.Mapping parent, String key) {
            YamlNode node = parent.entries().get(key);
            if (node == null || isNull(node)) {
                return Optional.empty();
            }
            String text = scalarText(node).map(String::trim).orElse("");
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
            }
            problem(node.line(), key + " must be true or false, got " + YamlNode.describe(node));
            return Optional.empty();
        }

        private Optional<YamlNode.Sequence> requiredList(YamlNode.Mapping parent, String key, String where) {
            YamlNode node = parent.entries().get(key);
            if (node == null) {
                problem(parent.line(), where + " is missing '" + key + ":'");
                return Optional.empty();
            }
            if (node instanceof YamlNode.Sequence list) {
                return Optional.of(list);
            }
            if (isNull(node)) {
                return Optional.of(new YamlNode.Sequence(node.line(), List.of()));
            }
            problem(
                    node.line(),
                    "'" + key + "' must be a list (items start with '- '), got " + YamlNode.describe(node));
            return Optional.empty();
        }

        private Optional<String> requiredText(YamlNode.Mapping parent, String key, String what) {
            YamlNode node = parent.entries().get(key);
            if (node == null || isNull(node)) {
                problem(node == null ? parent.line() : node.line(), what + " is missing '" + key + "'");
                return Optional.empty();
            }
            Optional<String> text = scalarText(node).map(String::trim).filter(s -> !s.isEmpty());
            if (text.isEmpty()) {
                problem(node.line(), what + " '" + key + "' must be a non-empty text, got " + YamlNode.describe(node));
            }
            return text;
        }

        private void checkKeys(YamlNode.Mapping mapping, Set<String> allowed, String where) {
            UnknownKeys.check(mapping, allowed, where, problems);
        }

        private static int lineOfValue(YamlNode.Mapping mapping, String key) {
            Integer keyLine = mapping.keyLines().get(key);
            return keyLine != null ? keyLine : mapping.line();
        }

        private static Optional<String> scalarText(YamlNode node) {
            return node instanceof YamlNode.Scalar s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
        }

        private static boolean isNull(YamlNode node) {
            return node instanceof YamlNode.Scalar s && s.isNull();
        }

        private void problem(int line, String message) {
            problems.add(new PolicyProblem(line, message));
        }
    }

    private static Set<String> orderedSet(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
