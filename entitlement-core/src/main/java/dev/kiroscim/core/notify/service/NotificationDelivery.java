package dev.kiroscim.core.notify.service;

import dev.kiroscim.core.notify.CloudEventFormat;
import dev.kiroscim.core.notify.Delivery;
import dev.kiroscim.core.notify.DeliveryOutcome;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.NotificationOutbox;
import dev.kiroscim.core.notify.NotificationRouting;
import dev.kiroscim.core.notify.PeopleAndPools;
import dev.kiroscim.core.notify.SlackFormat;
import dev.kiroscim.core.notify.WebhookSender;
import dev.kiroscim.core.sync.engine.RetryPolicy;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.core.worker.BackgroundLoop;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker that empties the {@link NotificationOutbox}: claims due heads in a short transaction, sends each outside
 * any transaction (so a slow receiver holds no database lock and no SCIM request waits for it), and records the
 * outcome under the claim's fence. A failure is retried with {@link RetryPolicy} backoff, never sooner than the
 * receiver's {@code Retry-After}; after {@code retry.maxAttempts()} failures, or at once for a refused target, the
 * delivery is a dead letter.
 *
 * <p>{@link #runOnce()} is one round, for tests; {@link #start()} runs rounds on a daemon thread, at once while there
 * is work and every {@code pollInterval} otherwise. Every replica runs one; the claim keeps them apart.
 */
public final class NotificationDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final int BATCH = 20;

    private final Transactions db;
    private final NotificationRouting routing;
    private final WebhookSender sender;
    private final PeopleAndPools lookup;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String workerId;
    private final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final BackgroundLoop loop;

    public NotificationDelivery(
            Transactions db,
            NotificationRouting routing,
            WebhookSender sender,
            PeopleAndPools lookup,
            RetryPolicy retry,
            Duration pollInterval,
            Clock clock,
            String workerId) {
        this.db = db;
        this.routing = routing;
        this.sender = sender;
        this.lookup = lookup;
        this.retry = retry;
        this.clock = clock;
        this.workerId = workerId;
        // close() interrupts a send in progress so a slow receiver cannot hold up shutdown; an unrecorded delivery
        // is claimed again when its lease expires
        this.loop = new BackgroundLoop(
                "notification-delivery",
                "notification delivery",
                this::runOnce,
                pollInterval::toMillis,
                Duration.ofSeconds(10),
                true);
    }

    /** Claims and sends one batch. @return how many deliveries were claimed */
    public int runOnce() {
        Instant now = clock.instant();
        List<Delivery> batch =
                db.write(tx -> tx.notifications().claim(BATCH, now, NotificationOutbox.DEFAULT_LEASE, workerId));
        for (Delivery d : batch) {
            deliver(d);
        }
        return batch.size();
    }

    private void deliver(Delivery d) {
        Optional<NotificationEndpoint> endpoint = routing.endpoint(d.endpoint());
        DeliveryOutcome outcome;
        if (endpoint.isEmpty()) {
            outcome = DeliveryOutcome.refused("endpoint '" + d.endpoint() + "' is no longer configured");
        } else if (d.event() == null) {
            outcome =
                    DeliveryOutcome.refused("audit event " + d.auditSeq() + " was pruned by retention before delivery");
        } else {
            NotificationEndpoint e = endpoint.get();
            boolean slack = e.format() == NotificationFormat.SLACK;
            String body = slack ? SlackFormat.write(d.event(), lookup) : CloudEventFormat.write(d.event());
            try {
                outcome = sender.send(
                        e,
                        CloudEventFormat.eventId(d.event()),
                        slack ? SlackFormat.CONTENT_TYPE : CloudEventFormat.CONTENT_TYPE,
                        body.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException ex) {
                outcome = DeliveryOutcome.failed(
                        0, ex.getClass().getSimpleName() + ": " + ex.getMessage(), Optional.empty());
            }
        }
        record(d, outcome);
    }

    private void record(Delivery d, DeliveryOutcome outcome) {
        if (outcome.delivered()) {
            boolean kept = db.write(tx -> tx.notifications().delivered(d.id(), workerId, d.claimVersion()));
            counter(delivered, d.endpoint()).incrementAndGet();
            if (!kept) {
                LOG.info(
                        "notification {} to {} was delivered after this worker's claim expired; the receiver may see it twice",
                        d.id(),
                        d.endpoint());
            }
            return;
        }
        counter(failed, d.endpoint()).incrementAndGet();
        int attempts = d.attempts() + 1;
        Instant now = clock.instant();
        boolean dead = outcome.permanent() || attempts >= retry.maxAttempts();
        String error = (outcome.status() > 0 ? "HTTP " + outcome.status() + ": " : "") + outcome.error();
        db.write(tx -> {
            if (dead) {
                tx.notifications().deadLetter(d.id(), attempts, error, now);
            } else {
                tx.notifications()
                        .retryLater(d.id(), attempts, now.plus(retry.delay(attempts, outcome.retryAfter())), error);
            }
            return null;
        });
        if (dead) {
            LOG.warn(
                    "notification of audit event {} to endpoint {} is a dead letter after {} attempt(s): {}",
                    d.auditSeq(),
                    d.endpoint(),
                    attempts,
                    error);
        } else {
            LOG.info(
                    "notification of audit event {} to endpoint {} failed (attempt {}), will retry: {}",
                    d.auditSeq(),
                    d.endpoint(),
                    attempts,
                    error);
        }
    }

    /** Deliveries that reached their receiver, by endpoint name, since start. */
    public Map<String, Long> deliveredCounts() {
        return snapshot(delivered);
    }

    /** Failed attempts, by endpoint name, since start. */
    public Map<String, Long> failedCounts() {
        return snapshot(failed);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static AtomicLong counter(Map<String, AtomicLong> counters, String endpoint) {
        return counters.computeIfAbsent(endpoint, k -> new AtomicLong());
    }

    /** Starts the delivery thread. */
    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
    }
}
