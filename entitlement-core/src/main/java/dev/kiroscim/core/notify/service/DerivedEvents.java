package dev.kiroscim.core.notify.service;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.notify.DerivedEventRules;
import dev.kiroscim.core.notify.NotificationMarks;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The job behind the derived events ({@code pool.nearlyFull}, {@code grant.expiringSoon}, {@code token.expiringSoon}):
 * it compares the current state with {@link DerivedEventRules} and audits what crossed a line, each event with its
 * {@link NotificationMarks mark} in one transaction, so the event is written once and then delivered like any other.
 * Run it as a cluster singleton; a second run (a stalled holder resuming) finds the marks and writes nothing.
 *
 * <p>{@code token.expiringSoon} covers the downstream service's token too: with {@code identityCenter.mode: scim} the
 * operator gives the SCIM token's expiry ({@code identityCenter.scimTokenExpires}, Identity Center shows it but does not
 * say it over the API), and the event fires once per expiry within {@code tokenExpiringDays}, e.g. on 2027-11-16 for a
 * token that expires on 2027-11-30 with the default 14 days. A new expiry in the config is a new condition.
 */
public final class DerivedEvents {

    static final String POOL_MARK = "pool.nearlyFull:";
    static final String GRANT_MARK = "grant.expiringSoon:";
    static final String TOKEN_MARK = "token.expiringSoon:";
    /** API token names cannot hold ':', so this cannot collide with an API token's mark. */
    static final String DOWNSTREAM_TOKEN_MARK = TOKEN_MARK + "downstream:identityCenter:";
    /** Grant and token marks outlive their deadline by this much, then are forgotten. */
    static final Duration MARK_KEEP = Duration.ofDays(60);

    private final Transactions db;
    private final Supplier<List<SeatOverview.PoolUse>> pools;
    private final DerivedEventRules rules;
    private final Optional<Instant> downstreamTokenExpires;

    public DerivedEvents(Transactions db, Supplier<List<SeatOverview.PoolUse>> pools, DerivedEventRules rules) {
        this(db, pools, rules, Optional.empty());
    }

    /** @param downstreamTokenExpires when the downstream service's token expires; empty when unknown or not used */
    public DerivedEvents(
            Transactions db,
            Supplier<List<SeatOverview.PoolUse>> pools,
            DerivedEventRules rules,
            Optional<Instant> downstreamTokenExpires) {
        this.db = db;
        this.pools = pools;
        this.rules = rules;
        this.downstreamTokenExpires = downstreamTokenExpires;
    }

    /** One pass. @return how many events were audited */
    public int runOnce(Instant now) {
        ChangeContext ctx = new ChangeContext(ChangeContext.SYSTEM, null, now);
        int events = 0;
        for (SeatOverview.PoolUse use : pools.get()) {
            events += pool(use, ctx);
        }
        events += grants(now, ctx);
        events += tokens(now, ctx);
        events += downstreamToken(now, ctx);
        db.write(tx -> {
            Instant before = now.minus(MARK_KEEP);
            tx.notificationMarks().removeOlderThan(GRANT_MARK, before);
            return tx.notificationMarks().removeOlderThan(TOKEN_MARK, before);
        });
        return events;
    }

    private int pool(SeatOverview.PoolUse use, ChangeContext ctx) {
        String key = POOL_MARK + use.group();
        return db.write(tx -> {
            DerivedEventRules.PoolDecision decision =
                    rules.pool(use, tx.notificationMarks().has(key));
            if (decision == DerivedEventRules.PoolDecision.FIRE) {
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.poolNearlyFull(
                                        use.group(),
                                        use.tier(),
                                        use.seats().getAsInt(),
                                        use.assigned(),
                                        use.waitlisted(),
                                        rules.nearlyFullPercent()));
                tx.notificationMarks().put(key, ctx.at());
                return 1;
            }
            if (decision == DerivedEventRules.PoolDecision.REARM) {
                tx.notificationMarks().remove(key);
            }
            return 0;
        });
    }

    private int grants(Instant now, ChangeContext ctx) {
        Instant horizon = now.plus(Duration.ofDays(rules.grantExpiringDays()));
        return db.write(tx -> {
            int n = 0;
            for (Seat seat : tx.seats().seatsExpiringBy(horizon)) {
                Instant deadline = seat.expiresAt().orElse(horizon);
                String key = GRANT_MARK + seat.userId() + ":" + seat.pool() + ":" + deadline.toEpochMilli();
                if (!deadline.isAfter(now) || tx.notificationMarks().has(key)) {
                    continue;
                }
                String userName =
                        tx.users().find(seat.userId()).map(UserRecord::userName).orElse(null);
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.grantExpiringSoon(
                                        AuditSubject.user(seat.userId(), userName),
                                        seat.pool(),
                                        seat.tier(),
                                        deadline,
                                        DerivedEventRules.daysLeft(now, deadline)));
                tx.notificationMarks().put(key, now);
                n++;
            }
            return n;
        });
    }

    private int tokens(Instant now, ChangeContext ctx) {
        Instant horizon = now.plus(Duration.ofDays(rules.tokenExpiringDays()));
        return db.write(tx -> {
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (ApiToken secret : tx.tokens().list()) {
                // newest secret first per name: an older secret's expiry is a rotation's grace, not the token's end
                if (!seen.add(secret.name()) || secret.expires() == null) {
                    continue;
                }
                Instant expires = secret.expires();
                String key = TOKEN_MARK + secret.name() + ":" + expires.toEpochMilli();
                if (!expires.isAfter(now)
                        || expires.isAfter(horizon)
                        || tx.notificationMarks().has(key)) {
                    continue;
                }
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.tokenExpiringSoon(
                                        secret.name(),
                                        secret.scope().wireName(),
                                        expires,
                                        DerivedEventRules.daysLeft(now, expires)));
                tx.notificationMarks().put(key, now);
                n++;
            }
            return n;
        });
    }

    private int downstreamToken(Instant now, ChangeContext ctx) {
        if (downstreamTokenExpires.isEmpty()) {
            return 0;
        }
        Instant expires = downstreamTokenExpires.get();
        if (!expires.isAfter(now) || expires.isAfter(now.plus(Duration.ofDays(rules.tokenExpiringDays())))) {
            return 0;
        }
        String key = DOWNSTREAM_TOKEN_MARK + expires.toEpochMilli();
        return db.write(tx -> {
            if (tx.notificationMarks().has(key)) {
                return 0;
            }
            tx.audit()
                    .append(
                            ctx,
                            AuditEvents.downstreamTokenExpiringSoon(expires, DerivedEventRules.daysLeft(now, expires)));
            tx.notificationMarks().put(key, now);
            return 1;
        });
    }
}
