package dev.kiroscim.server.http;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records {@code auth.failed} without letting a misconfigured IdP (or an attacker) flood the log: at most one
 * event per client address per {@link #WINDOW}. Failures inside a window are counted, and the next event from
 * that address carries the count as {@code suppressedBefore}. Example: 500 bad requests from 10.0.0.7 in one
 * minute write one event; the first failure after the minute writes one with {@code suppressedBefore=499}.
 *
 * <p>The window is per replica (in memory): with N replicas an address can write up to N events a minute.
 */
public final class AuthFailures {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);

    private record Window(Instant start, long suppressed) {}

    private final Transactions transactions;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public AuthFailures(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return true when an event was written for this failure, false when it was only counted */
    public boolean record(String clientAddress, String reason, String requestId) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        return write(
                "failed " + address,
                requestId,
                address,
                suppressed -> AuditEvents.authFailed(address, reason, suppressed));
    }

    /**
     * {@code auth.throttled}, rate-limited like {@code auth.failed}: one event per token (rate limit) or per
     * address (backoff) per {@link #WINDOW}, carrying the count of the ones in between.
     */
    public boolean throttled(
            String clientAddress, String reason, String tokenName, long retryAfterSeconds, String requestId) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        String key = "throttled " + reason + " " + (tokenName != null ? "token " + tokenName : address);
        return write(
                key,
                requestId,
                address,
                suppressed -> AuditEvents.authThrottled(address, reason, tokenName, retryAfterSeconds, suppressed));
    }

    private boolean write(
            String key,
            String requestId,
            String address,
            java.util.function.LongFunction<dev.kiroscim.core.audit.AuditEntry> event) {
        Instant now = clock.instant();
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> !w.start().plus(WINDOW).isAfter(now));
        }
        long[] suppressed = {-1};
        windows.compute(key, (a, w) -> {
            if (w == null || !w.start().plus(WINDOW).isAfter(now)) {
                suppressed[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.start(), w.suppressed() + 1);
        });
        if (suppressed[0] < 0) {
            return false;
        }
        try {
            transactions.write(tx -> {
                tx.audit()
                        .append(
                                ChangeContext.of(
                                        dev.kiroscim.core.directory.events.Actor.anonymous(address), requestId, now),
                                event.apply(suppressed[0]));
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            // The 401/429 matters more than its audit event; never turn a refusal into a 500.
            LOG.warn(
                    "could not record {} for {}: {}",
                    key.startsWith("failed") ? "auth.failed" : "auth.throttled",
                    address,
                    e.toString());
            return false;
        }
    }
}
