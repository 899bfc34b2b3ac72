package dev.kiroscim.server.admin;

import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.server.notify.NotificationComposition;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The webhook figures of {@code GET /metrics}, per endpoint: {@code kiro_notifications_pending},
 * {@code kiro_notifications_dead_letters}, {@code kiro_notifications_oldest_pending_age_seconds} (shared state, read
 * from the database) and this replica's {@code kiro_notifications_delivered_total} and
 * {@code kiro_notifications_failed_attempts_total}.
 */
public final class NotificationMetrics {

    private final NotificationComposition notifications;
    private final Clock clock;

    public NotificationMetrics(NotificationComposition notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    public void write(StringBuilder out) {
        if (!notifications.config().enabled()) {
            return;
        }
        List<NotificationBacklog> backlog = notifications.backlog();
        header(out, "kiro_notifications_pending", "Webhook deliveries waiting, by endpoint.", "gauge");
        backlog.forEach(b -> line(out, "kiro_notifications_pending", b.endpoint(), b.pending()));
        header(out, "kiro_notifications_dead_letters", "Webhook deliveries that failed for good (see /admin/v1/notifications).", "gauge");
        backlog.forEach(b -> line(out, "kiro_notifications_dead_letters", b.endpoint(), b.deadLetters()));
        header(out, "kiro_notifications_oldest_pending_age_seconds", "Age of the oldest waiting webhook delivery, by endpoint.", "gauge");
        backlog.forEach(b -> line(out, "kiro_notifications_oldest_pending_age_seconds", b.endpoint(),
                b.oldestPendingAgeSeconds(clock.instant())));
        counters(out, "kiro_notifications_delivered_total", "Webhook deliveries accepted by their receiver (this replica).",
                notifications.delivery().deliveredCounts());
        counters(out, "kiro_notifications_failed_attempts_total", "Webhook attempts that failed (this replica).",
                notifications.delivery().failedCounts());
    }

    private static void counters(StringBuilder out, String name, String help, Map<String, Long> values) {
        header(out, name, help, "counter");
        values.forEach((endpoint, v) -> line(out, name, endpoint, v));
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String endpoint, long value) {
        out.append(name).append("{endpoint=\"").append(MetricsResource.escape(endpoint))
                .append("\"} ").append(value).append('\n');
    }
}
