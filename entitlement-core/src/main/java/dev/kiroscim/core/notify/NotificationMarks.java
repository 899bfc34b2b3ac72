package dev.kiroscim.core.notify;

import java.time.Instant;

/**
 * Port: which derived events were already raised, written in the transaction that audits them, so a derived event is
 * raised once per condition even when the job runs on another replica next time. Keys are like
 * {@code pool.nearlyFull:Kiro-Platform} or {@code grant.expiringSoon:<userId>:<pool>:<expiresAtMillis>}.
 */
public interface NotificationMarks {

    boolean has(String key);

    void put(String key, Instant at);

    void remove(String key);

    /** Forgets marks of a prefix older than {@code before} (conditions long past). @return how many */
    int removeOlderThan(String keyPrefix, Instant before);
}
