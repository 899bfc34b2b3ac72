package dev.kiroscim.core.notify;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured endpoints, and which of them an audit event goes to. The audit log asks it for every event it writes
 * and queues one delivery per endpoint name returned, in the same transaction.
 */
public record NotificationRouting(List<NotificationEndpoint> endpoints) {

    public static final NotificationRouting NONE = new NotificationRouting(List.of());

    public NotificationRouting {
        endpoints = List.copyOf(endpoints);
        Set<String> names = new HashSet<>();
        for (NotificationEndpoint e : endpoints) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("two notification endpoints are named '" + e.name() + "'");
            }
        }
    }

    /** Names of the endpoints that selected {@code type}, in configuration order; empty for most events. */
    public List<String> endpointsFor(String type) {
        return endpoints.stream()
                .filter(e -> e.events().selects(type))
                .map(NotificationEndpoint::name)
                .toList();
    }

    public Optional<NotificationEndpoint> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
