package dev.kiroscim.server.console;

import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.console.ConsoleSessions;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.service.PoolRoster;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.JdbcConsoleSessionStore;
import dev.kiroscim.persistence.JdbcPendingItems;
import dev.kiroscim.persistence.JdbcPeopleSearch;
import dev.kiroscim.server.admin.AuditVerifyResource;
import dev.kiroscim.server.admin.PeopleResource;
import dev.kiroscim.server.admin.PoolsResource;
import dev.kiroscim.server.admin.SeatUseResource;
import dev.kiroscim.server.admin.SyncPendingResource;
import dev.kiroscim.server.config.ConsoleSection;
import dev.kiroscim.server.http.Authenticator;
import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Wires the browser console (issue 11) into the Jersey application: its files, sessions and OpenID Connect sign-in,
 * and the admin endpoints it added (people search, pools, seat history, chain verification, pending sync work). Kept out of
 * {@code BridgeServer} so that the composition root changes by one line.
 */
public final class ConsoleComposition {

    private ConsoleComposition() {}

    public static void register(
            ResourceConfig rc,
            Database database,
            ConsoleSection config,
            Authenticator authenticator,
            AuditTrail auditTrail,
            ManageSeats seats,
            Clock clock) {
        ConsoleSessions sessions = new ConsoleSessions(
                new JdbcConsoleSessionStore(database.dataSource()), database, config.idleTimeout(), clock);
        // Security headers (CSP included) come from http.SecurityHeaders, registered for every response.
        rc.register(new ConsoleSessionFilter(sessions))
                .register(new ConsoleAssets())
                .register(new ConsoleSessionResource(
                        sessions, authenticator, config.oidc().isPresent()))
                .register(new PeopleResource(new JdbcPeopleSearch(database.dataSource())))
                .register(new PoolsResource(new PoolRoster(database, seats::policy), clock))
                .register(new SeatUseResource(auditTrail, clock))
                .register(new AuditVerifyResource(auditTrail, clock))
                .register(new SyncPendingResource(new JdbcPendingItems(database.dataSource())));
        config.oidc().ifPresent(oidc -> rc.register(new OidcResource(new OidcSignIn(oidc), sessions, oidc)));
    }
}
