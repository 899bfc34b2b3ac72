package dev.kiroscim.core.notify;

import dev.kiroscim.core.net.AddressRanges;
import java.net.URI;
import java.util.Objects;

/**
 * One configured receiver. The secret is not held here: the sender reads it when it signs (see {@link WebhookSender}),
 * so it is never part of a record that could be logged.
 *
 * @param name         unique, shown in {@code /admin/v1/notifications} and stored with each queued delivery
 * @param url          {@code https://…}; {@code http://} only to a loopback address (tests)
 * @param allowPrivate private or link-local ranges this endpoint may reach (SSRF guard); empty = none
 */
public record NotificationEndpoint(
        String name, URI url, EventSelector events, NotificationFormat format, AddressRanges allowPrivate) {

    public NotificationEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(format, "format");
        allowPrivate = allowPrivate == null ? AddressRanges.ANY : allowPrivate;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(
                    "name must be 1-64 letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        TargetRules.checkUrl(url);
    }
}
