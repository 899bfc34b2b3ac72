package dev.kiroscim.server.admin;

import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.server.metrics.GaugeFamily;
import dev.kiroscim.server.notify.NotificationComposition;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The webhook figures of {@code GET /metrics}, per endpoint, collected at scrape time: the shared queue read from the
 * database ({@code kiro_notifications_pending}, {@code kiro_notifications_dead_letters},
 * {@code kiro_notifications_oldest_pending_age_seconds}) and this replica's sends
 * ({@code kiro_notifications_delivered_total}, {@code kiro_notifications_failed_attempts_total}). Nothing when no
 * endpoint is configured.
 */
public final class NotificationMetrics implements MultiCollector {

    private final NotificationComposition notifications;
    private final Clock clock;

    public NotificationMetrics(NotificationComposition notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        if (!notifications.config().enabled()) {
            return MetricSnapshots.of();
        }
        List<NotificationBacklog> backlog = notifications.backlog();
        Instant now = clock.instant();
        GaugeFamily pending =
                GaugeFamily.named("kiro_notifications_pending", "Webhook deliveries waiting, by endpoint.");
        GaugeFamily dead = GaugeFamily.named(
                "kiro_notifications_dead_letters",
                "Webhook deliveries that failed for good (see /admin/v1/notifications).");
        GaugeFamily age = GaugeFamily.named(
                "kiro_notifications_oldest_pending_age_seconds",
                "Age of the oldest waiting webhook delivery, by endpoint.");
        for (NotificationBacklog b : backlog) {
            pending.add(b.pending(), "endpoint", b.endpoint());
            dead.add(b.deadLetters(), "endpoint", b.endpoint());
            age.add(b.oldestPendingAgeSeconds(now), "endpoint", b.endpoint());
        }
        return MetricSnapshots.of(
                pending.snapshot(),
                dead.snapshot(),
                age.snapshot(),
                counter(
                        "kiro_notifications_delivered",
                        "Webhook deliveries accepted by their receiver (this replica).",
                        notifications.delivery().deliveredCounts()),
                counter(
                        "kiro_notifications_failed_attempts",
                        "Webhook attempts that failed (this replica).",
                        notifications.delivery().failedCounts()));
    }

    private static CounterSnapshot counter(String name, String help, Map<String, Long> byEndpoint) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        byEndpoint.forEach((endpoint, n) -> builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .value(n)
                .labels(Labels.of("endpoint", endpoint))
                .build()));
        return builder.build();
    }
}
