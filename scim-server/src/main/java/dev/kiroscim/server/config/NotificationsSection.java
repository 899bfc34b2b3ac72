package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.DerivedEventRules;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.NotificationRouting;
import dev.kiroscim.core.sync.engine.RetryPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
public record NotificationsSection(NotificationRouting routing, Map<String, Path> secretFiles, DerivedEventRules rules,
                                   RetryPolicy retry) {

    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 10);
    private static final Set<String> KEYS = Set.of("name", "url", "secretFile", "events", "format", "allowPrivate");
    private static final Set<String> RULE_KEYS = Set.of("nearlyFullPercent", "rearmPercent", "grantExpiringDays",
            "tokenExpiringDays", "maxAttempts");

    public static NotificationsSection none() {
        return new NotificationsSection(NotificationRouting.NONE, Map.of(), DerivedEventRules.DEFAULT, DEFAULT_RETRY);
    }

    public boolean enabled() {
        return !routing.endpoints().isEmpty();
    }

    static NotificationsSection from(Path file, JsonNode list, JsonNode rulesNode) {
        DerivedEventRules rules = rules(file, rulesNode);
        RetryPolicy retry = new RetryPolicy(DEFAULT_RETRY.base(), DEFAULT_RETRY.max(),
                integer(file, rulesNode, "maxAttempts", DEFAULT_RETRY.maxAttempts()));
        if (list == null || list.isMissingNode() || list.isNull()) {
            return new NotificationsSection(NotificationRouting.NONE, Map.of(), rules, retry);
        }
        if (!list.isArray()) {
            throw new ConfigException(file + ": notifications must be a list of endpoints (- name: …, url: …, events: […])");
        }
        List<NotificationEndpoint> endpoints = new ArrayList<>();
        Map<String, Path> secrets = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "notifications[" + i + "]";
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw new ConfigException(file + ": " + at + " must be a mapping with name, url, events");
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw new ConfigException(file + ": unknown key " + at + "." + key + " (known: " + String.join(", ", KEYS) + ")");
                }
            }
            String name = required(file, e, at, "name");
            at = at + " (" + name + ")";
            NotificationFormat format;
            NotificationEndpoint endpoint;
            try {
                format = NotificationFormat.parse(e.path("format").asText("cloudevents"));
                endpoint = new NotificationEndpoint(name, URI.create(required(file, e, at, "url")),
                        new EventSelector(strings(file, e.path("events"), at + ".events")), format,
                        AddressRanges.of(strings(file, e.path("allowPrivate"), at + ".allowPrivate")));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(file + ": " + at + ": " + ex.getMessage());
            }
            String secret = e.path("secretFile").asText("").trim();
            if (!secret.isEmpty()) {
                Path path = Path.of(secret);
                if (!Files.isReadable(path)) {
                    throw new ConfigException(file + ": " + at + ".secretFile " + path + " cannot be read");
                }
                secrets.put(name, path);
            } else if (format == NotificationFormat.CLOUDEVENTS) {
                throw new ConfigException(file + ": " + at + ".secretFile is required for format cloudevents (the signature key)");
            }
            endpoints.add(endpoint);
        }
        try {
            return new NotificationsSection(new NotificationRouting(endpoints), Map.copyOf(secrets), rules, retry);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(file + ": notifications: " + ex.getMessage());
        }
    }

    private static DerivedEventRules rules(Path file, JsonNode node) {
        if (node != null && !node.isMissingNode() && !node.isNull()) {
            if (!node.isObject()) {
                throw new ConfigException(file + ": notificationRules must be a mapping");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!RULE_KEYS.contains(key)) {
                    throw new ConfigException(file + ": unknown key notificationRules." + key + " (known: " + String.join(", ", RULE_KEYS) + ")");
                }
            }
        }
        DerivedEventRules d = DerivedEventRules.DEFAULT;
        try {
            return new DerivedEventRules(integer(file, node, "nearlyFullPercent", d.nearlyFullPercent()),
                    integer(file, node, "rearmPercent", d.rearmPercent()),
                    integer(file, node, "grantExpiringDays", d.grantExpiringDays()),
                    integer(file, node, "tokenExpiringDays", d.tokenExpiringDays()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": notificationRules: " + e.getMessage());
        }
    }

    private static int integer(Path file, JsonNode node, String key, int fallback) {
        JsonNode v = node == null ? null : node.path(key);
        if (v == null || v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw new ConfigException(file + ": notificationRules." + key + " must be a whole number, not '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private static String required(Path file, JsonNode e, String at, String key) {
        String v = e.path(key).asText("").trim();
        if (v.isEmpty()) {
            throw new ConfigException(file + ": " + at + "." + key + " is required");
        }
        return v;
    }

    private static List<String> strings(Path file, JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new ConfigException(file + ": " + at + " must be a list, e.g. [seat.waitlisted, pool.]");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
