package dev.kiroscim.server.http;

import dev.kiroscim.core.transaction.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Last used" and "last source IP" of each token secret, without a database write per request: a use is noted
 * in memory (a map put), and {@link #flush()} writes the newest use of each secret in one transaction, every
 * {@link #INTERVAL} and at shutdown. So each secret costs at most one UPDATE a minute per replica, however busy
 * it is; {@code token list} may lag the truth by up to a minute.
 */
public final class TokenUsage implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(TokenUsage.class);

    private record Use(Instant at, String sourceIp) {}

    private final Transactions transactions;
    private final ConcurrentHashMap<String, Use> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public TokenUsage(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Starts the once-a-minute flush. */
    public TokenUsage start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-token-usage");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(
                this::flushQuietly, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    public void used(String secretHash, Instant at, String sourceIp) {
        pending.put(secretHash, new Use(at, sourceIp));
    }

    /** Writes every pending use; returns how many secrets were written. */
    public int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Use> batch = new java.util.HashMap<>();
        for (String hash : pending.keySet()) {
            Use use = pending.remove(hash);
            if (use != null) {
                batch.put(hash, use);
            }
        }
        try {
            transactions.write(tx -> {
                batch.forEach((hash, use) -> tx.tokens().recordUse(hash, use.at(), use.sourceIp()));
                return null;
            });
        } catch (RuntimeException e) {
            // Put the batch back for the next flush (a use noted meanwhile is newer and wins): dropping it made a
            // database blip erase "last used" for good for a token that is not used again.
            batch.forEach(pending::putIfAbsent);
            throw e;
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not record token use: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        flushQuietly();
    }
}
