package dev.kiroscim.server.notify;

import dev.kiroscim.adapter.webhook.HttpWebhookSender;
import dev.kiroscim.adapter.webhook.SecretFiles;
import dev.kiroscim.core.cluster.SingletonScheduler;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.core.notify.NotificationDeadLetter;
import dev.kiroscim.core.notify.PeopleAndPools;
import dev.kiroscim.core.notify.WebhookSender;
import dev.kiroscim.core.notify.service.DerivedEvents;
import dev.kiroscim.core.notify.service.NotificationDelivery;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.config.NotificationsSection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires webhook notifications: tells the audit log which endpoints to queue for, runs the delivery worker on every
 * replica, and the derived-events job ({@value #JOB}) as a cluster singleton. With no endpoint configured nothing
 * runs and nothing is queued.
 */
public final class NotificationComposition implements AutoCloseable {

    public static final String JOB = "notify-derived-events";
    public static final Duration JOB_INTERVAL = Duration.ofMinutes(1);
    static final Duration POLL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationComposition.class);

    private final NotificationsSection config;
    private final Database database;
    private final NotificationDelivery delivery;

    private NotificationComposition(NotificationsSection config, Database database, NotificationDelivery delivery) {
        this.config = config;
        this.database = database;
        this.delivery = delivery;
    }

    public static NotificationComposition create(
            NotificationsSection config, Database database, ManageSeats seats, String replicaId, Clock clock) {
        return create(
                config,
                database,
                seats,
                new HttpWebhookSender(new SecretFiles(config.secretFiles())),
                replicaId,
                clock);
    }

    /** @param sender the HTTP adapter, or a test double */
    public static NotificationComposition create(
            NotificationsSection config,
            Database database,
            ManageSeats seats,
            WebhookSender sender,
            String replicaId,
            Clock clock) {
        database.routeNotifications(config.routing());
        NotificationDelivery delivery = new NotificationDelivery(
                database,
                config.routing(),
                sender,
                lookup(database, seats),
                config.retry(),
                POLL,
                clock,
                "notify-" + replicaId);
        return new NotificationComposition(config, database, delivery);
    }

    /**
     * Starts the delivery worker and registers the derived-events job, when any endpoint is configured.
     *
     * @param downstreamTokenExpires the SCIM downstream token's expiry ({@code identityCenter.scimTokenExpires}),
     *                               for its {@code token.expiringSoon}; empty when not given
     */
    public void start(
            SingletonScheduler jobs, ManageSeats seats, Optional<Instant> downstreamTokenExpires, Clock clock) {
        if (!config.enabled()) {
            return;
        }
        DerivedEvents derived =
                new DerivedEvents(database, () -> seats.overview().pools(), config.rules(), downstreamTokenExpires);
        jobs.schedule(JOB, JOB_INTERVAL, () -> {
            int n = derived.runOnce(clock.instant());
            if (n > 0) {
                LOG.info("derived notification events: {} audited", n);
            }
        });
        delivery.start();
        LOG.info(
                "webhook notifications to {} endpoint(s): {}",
                config.routing().endpoints().size(),
                config.routing().endpoints().stream()
                        .map(e -> e.name() + " (" + e.format().wireName() + ")")
                        .toList());
    }

    public NotificationsSection config() {
        return config;
    }

    public NotificationDelivery delivery() {
        return delivery;
    }

    public List<NotificationBacklog> backlog() {
        return database.read(tx -> tx.notifications().backlog());
    }

    public List<NotificationDeadLetter> deadLetters(int limit) {
        return database.read(tx -> tx.notifications().deadLetters(limit));
    }

    /** @param endpoint null for every endpoint */
    public int retryDeadLetters(String endpoint, Instant now) {
        return database.write(tx -> tx.notifications().requeueDeadLetters(endpoint, now));
    }

    private static PeopleAndPools lookup(Database database, ManageSeats seats) {
        return new PeopleAndPools() {
            @Override
            public Optional<String> displayName(String userId) {
                return database.read(tx -> tx.users().find(userId).map(UserRecord::displayName));
            }

            @Override
            public Optional<SeatOverview.PoolUse> pool(String group) {
                return seats.overview().pools().stream()
                        .filter(p -> p.group().equals(group))
                        .findFirst();
            }
        };
    }

    @Override
    public void close() {
        delivery.close();
    }
}
