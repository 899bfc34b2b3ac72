package dev.kiroscim.server.config;

import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.DerivedEventRules;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.NotificationRouting;
import dev.kiroscim.core.policy.YamlNode;
import dev.kiroscim.core.sync.engine.RetryPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code notifications:} list and the optional {@code notificationRules:} of kiro-scim.yaml (see
 * docs/notifications.md):
 * <pre>
 * notifications:
 *   - name: platform-slack
 *     url: https://hooks.slack.com/services/T000/B000/XXXX
 *     events: [seat.waitlisted, pool.nearlyFull, grant.expiringSoon]
 *     format: slack
 *   - name: itsm
 *     url: https://itsm.example.com/hooks/kiro
 *     secretFile: /etc/kiro/itsm-webhook-secret   # required for cloudevents: the HMAC key
 *     events: [seat., sync.deadLettered, budget.exhausted]
 *     format: cloudevents                          # the default
 *     allowPrivate: [10.20.0.0/16]                 # optional: private ranges this endpoint may reach
 * notificationRules:                               # optional; these are the defaults
 *   nearlyFullPercent: 90
 *   rearmPercent: 80
 *   grantExpiringDays: 7
 *   tokenExpiringDays: 14
 *   maxAttempts: 10
 * </pre>
 *
 * @param secretFiles the secret file of each endpoint that has one, by endpoint name
 */
public record NotificationsSection(
        NotificationRouting routing, Map<String, Path> secretFiles, DerivedEventRules rules, RetryPolicy retry) {

    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 10);
    /** In this order in "allowed: …" messages (a {@code Set.of} would change it from run to run). */
    private static final Set<String> KEYS_AT_TOP = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(List.of("notifications", "notificationRules")));

    private static final Set<String> KEYS = Set.of("name", "url", "secretFile", "events", "format", "allowPrivate");
    private static final Set<String> RULE_KEYS =
            Set.of("nearlyFullPercent", "rearmPercent", "grantExpiringDays", "tokenExpiringDays", "maxAttempts");

    public static NotificationsSection none() {
        return new NotificationsSection(NotificationRouting.NONE, Map.of(), DerivedEventRules.DEFAULT, DEFAULT_RETRY);
    }

    public boolean enabled() {
        return !routing.endpoints().isEmpty();
    }

    /** Owns two top-level keys, so it reads from the root rather than through {@link ConfigSection#of}. */
    public static final ConfigSection<NotificationsSection> SECTION = new ConfigSection<>() {
        @Override
        public Set<String> keys() {
            return KEYS_AT_TOP;
        }

        @Override
        public NotificationsSection read(ConfigNode root, ConfigProblems problems) {
            return NotificationsSection.read(root.get("notifications"), root.get("notificationRules"), problems);
        }

        @Override
        public String toString() {
            return "notifications";
        }
    };

    static NotificationsSection read(ConfigNode list, ConfigNode rulesNode, ConfigProblems problems) {
        DerivedEventRules rules = rules(rulesNode, problems);
        RetryPolicy retry = new RetryPolicy(
                DEFAULT_RETRY.base(),
                DEFAULT_RETRY.max(),
                wholeNumber(rulesNode.get("maxAttempts"), DEFAULT_RETRY.maxAttempts(), problems));
        if (!list.isSet()) {
            return new NotificationsSection(NotificationRouting.NONE, Map.of(), rules, retry);
        }
        if (!(list.node() instanceof YamlNode.Sequence items)) {
            problems.add(list, "notifications must be a list of endpoints (- name: …, url: …, events: […])");
            return none();
        }
        List<NotificationEndpoint> endpoints = new ArrayList<>();
        Map<String, Path> secrets = new LinkedHashMap<>();
        for (int i = 0; i < items.items().size(); i++) {
            String at = "notifications[" + i + "]";
            ConfigNode e = new ConfigNode(
                    at, items.items().get(i), items.items().get(i).line());
            if (!e.isMapping()) {
                problems.add(e, at + " must be a mapping with name, url, events");
                continue;
            }
            e.mapping(problems, KEYS);
            String name = required(e, at, "name", problems);
            at = at + " (" + name + ")";
            NotificationFormat format;
            try {
                format = NotificationFormat.parse(e.get("format").text(problems, "cloudevents"));
                endpoints.add(new NotificationEndpoint(
                        name,
                        URI.create(required(e, at, "url", problems)),
                        new EventSelector(e.get("events").texts(problems, false)),
                        format,
                        AddressRanges.of(e.get("allowPrivate").texts(problems, false))));
            } catch (IllegalArgumentException ex) {
                problems.add(e, at + ": " + ex.getMessage());
                continue;
            }
            ConfigNode secretNode = e.get("secretFile");
            String secret = secretNode.text(problems, "");
            if (!secret.isEmpty()) {
                Path path = Path.of(secret);
                if (!Files.isReadable(path)) {
                    problems.add(secretNode, at + ".secretFile " + path + " cannot be read");
                }
                secrets.put(name, path);
            } else if (format == NotificationFormat.CLOUDEVENTS) {
                problems.add(e, at + ".secretFile is required for format cloudevents (the signature key)");
            }
        }
        try {
            return new NotificationsSection(new NotificationRouting(endpoints), Map.copyOf(secrets), rules, retry);
        } catch (IllegalArgumentException ex) {
            problems.add(list, "notifications: " + ex.getMessage());
            return none();
        }
    }

    private static DerivedEventRules rules(ConfigNode node, ConfigProblems problems) {
        node.mapping(problems, RULE_KEYS);
        DerivedEventRules d = DerivedEventRules.DEFAULT;
        try {
            return new DerivedEventRules(
                    wholeNumber(node.get("nearlyFullPercent"), d.nearlyFullPercent(), problems),
                    wholeNumber(node.get("rearmPercent"), d.rearmPercent(), problems),
                    wholeNumber(node.get("grantExpiringDays"), d.grantExpiringDays(), problems),
                    wholeNumber(node.get("tokenExpiringDays"), d.tokenExpiringDays(), problems));
        } catch (IllegalArgumentException e) {
            problems.add(node, "notificationRules: " + e.getMessage());
            return d;
        }
    }

    private static int wholeNumber(ConfigNode v, int fallback, ConfigProblems problems) {
        if (!v.isSet()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.text().orElse(""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(v, v.name() + " must be a whole number, not " + v.describe());
        return fallback;
    }

    private static String required(ConfigNode e, String at, String key, ConfigProblems problems) {
        String v = e.get(key).text(problems, "");
        if (v.isEmpty()) {
            problems.add(e, at + "." + key + " is required");
        }
        return v;
    }
}
