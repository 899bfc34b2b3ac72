package dev.kiroscim.server.app;

import dev.kiroscim.core.audit.AuditRecorder;
import dev.kiroscim.core.audit.AuditTrail;
import dev.kiroscim.core.auth.ManageTokens;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.seats.ManageSeats;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.SeatAllocationListener;
import dev.kiroscim.server.admin.AuditResource;
import dev.kiroscim.server.admin.EntitlementsResource;
import dev.kiroscim.server.admin.PolicyResource;
import dev.kiroscim.server.admin.SeatsResource;
import dev.kiroscim.server.config.ConfigException;
import dev.kiroscim.server.seats.PolicyFile;
import dev.kiroscim.server.seats.PolicyReloader;
import dev.kiroscim.server.seats.ReloadOnSighup;
import dev.kiroscim.server.seats.SeatExpiryJob;
import dev.kiroscim.server.admin.ReportsResource;
import dev.kiroscim.server.admin.SyncResource;
import dev.kiroscim.server.admin.TokensResource;
import dev.kiroscim.server.admin.MetricsResource;
import dev.kiroscim.server.http.RequestMetrics;
import dev.kiroscim.server.admin.ExplainResource;
import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.OutboxListener;
import dev.kiroscim.server.sync.SyncComposition;
import dev.kiroscim.server.console.ConsoleComposition;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.http.AuthFailures;
import dev.kiroscim.server.http.AuthFilter;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.BodyLimit;
import dev.kiroscim.server.http.ErrorMapper;
import dev.kiroscim.server.http.HealthResource;
import dev.kiroscim.server.http.Overload;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.core.directory.events.DirectoryChangeListeners;
import dev.kiroscim.server.http.TrailingSlash;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.provisioning.ProvisionGroups;
import dev.kiroscim.server.scim.provisioning.ProvisionUsers;
import dev.kiroscim.server.scim.rest.DiscoveryResource;
import dev.kiroscim.server.scim.rest.GroupsResource;
import dev.kiroscim.server.scim.rest.UsersResource;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: wires the database, the use cases and the HTTP edge (plain Jersey + HK2 on Grizzly, no CDI;
 * see docs/decisions.md), and owns their life cycle. {@link #stop()} stops accepting connections, lets in-flight
 * requests finish (up to 30 s), then closes the database.
 */
public final class BridgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);
    private static final int GRACE_SECONDS = 30;

    private final HttpServer http;
    private final Database database;
    private final AuditRetentionJob retention;
    private final SeatExpiryJob expiry;
    private final IdentityCenterSync sync;

    private BridgeServer(HttpServer http, Database database, AuditRetentionJob retention, SeatExpiryJob expiry,
                         IdentityCenterSync sync) {
        this.http = http;
        this.database = database;
        this.retention = retention;
        this.expiry = expiry;
        this.sync = sync;
    }

    public static BridgeServer start(String bind, int port, DatabaseConfig dbConfig, BridgeConfig config, String bootstrapToken)
            throws IOException {
        PolicyInForce policy;
        try {
            policy = PolicyFile.load(config.source());
        } catch (PolicyException e) {
            throw new ConfigException("the entitlement policy is invalid:\n" + e.getMessage());
        }
        Database database = Database.open(dbConfig);
        SeatExpiryJob expiry = null;
        IdentityCenterSync sync = null;
        try {
            Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
            FilterParser parser = new FilterParser(ScimSchemas.KNOWN_URNS);
            ResourceDocumentReader reader = new ResourceDocumentReader();
            PatchEngine patch = new PatchEngine();
            Authenticator authenticator = new Authenticator(database, bootstrapToken, clock);
            RequestIds requestIds = new RequestIds(clock);
            RequestMetrics metrics = new RequestMetrics();
            // Applied at start-up too: a cap lowered while the server was down is enforced before the first request.
            ManageSeats seats = new ManageSeats(database, policy);
            seats.applyAtStartup(ManageSeats.system(clock.instant()));
            PolicyReloader reloader = new PolicyReloader(seats, config.source());
            sync = SyncComposition.create(database, config.identityCenter(), seats::policy, SyncComposition.SEATS, clock);
            // Audit first: later listeners append their own events after the SCIM ones. Seats before the outbox:
            // a seat change enqueues Identity Center work for every user it touched, promotions included.
            DirectoryChangeListeners listeners = new DirectoryChangeListeners(java.util.List.of(
                    new AuditRecorder(), new SeatAllocationListener(seats::policy), new OutboxListener(sync::wake)));
            AuditTrail auditTrail = new AuditTrail(database, config::tierPrices);

            ResourceConfig rc = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                    .register(requestIds)
                    .register(metrics)
                    .register(new Overload(config.maxInFlight()))
                    .register(new TrailingSlash())
                    .register(new BodyLimit())
                    .register(new AuthFilter(authenticator, new AuthFailures(database, clock)))
                    .register(new ErrorMapper())
                    .register(new HealthResource(database))
                    .register(new DiscoveryResource(config.scim()))
                    .register(new UsersResource(new ProvisionUsers(database, reader, patch, listeners), parser, config.scim(), requestIds))
                    .register(new GroupsResource(new ProvisionGroups(database, reader, patch, listeners), parser, config.scim(), requestIds))
                    .register(new TokensResource(new ManageTokens(database, clock), authenticator, requestIds))
                    .register(new AuditResource(auditTrail))
                    .register(new ReportsResource(auditTrail))
                    .register(new SeatsResource(seats))
                    .register(new EntitlementsResource(seats))
                    .register(new PolicyResource(reloader, requestIds))
                    .register(new SyncResource(sync))
                    .register(new MetricsResource(metrics, sync, seats))
                    .register(new ExplainResource(new ExplainAccess(database, seats::policy, sync::mode)));
            ConsoleComposition.register(rc, database, config.console(), authenticator, auditTrail, seats, clock);

            HttpServer http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + bind + ":" + port + "/"), rc, false);
            for (NetworkListener listener : http.getListeners()) {
                listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName("kiro-http").setCorePoolSize(16).setMaxPoolSize(config.maxInFlight() + 16));
                listener.getKeepAlive().setIdleTimeoutInSeconds(60);
            }
            http.start();
            LOG.info("Kiro SCIM Bridge listening on http://{}:{}/scim/v2 (database: {})", bind, port, dbConfig.describe());
            AuditRetentionJob retention = config.auditRetention()
                    .map(keep -> AuditRetentionJob.start(auditTrail, keep, clock)).orElse(null);
            expiry = SeatExpiryJob.start(seats, clock);
            ReloadOnSighup.install(reloader, clock);
            LOG.info("entitlement policy from {}: {} tiers, {} pools", policy.source(), policy.policy().tiers().size(),
                    policy.policy().pools().size());
            sync.start();
            LOG.info("Identity Center sync: {} mode", sync.mode());
            return new BridgeServer(http, database, retention, expiry, sync);
        } catch (IOException | RuntimeException e) {
            if (sync != null) {
                sync.close();
            }
            if (expiry != null) {
                expiry.close();
            }
            database.close();
            throw e;
        }
    }

    /** Graceful stop: no new connections, in-flight requests finish, then the database closes. */
    public void stop() {
        LOG.info("shutting down: finishing in-flight requests (up to {} s)", GRACE_SECONDS);
        try {
            http.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(GRACE_SECONDS + 5L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("graceful HTTP shutdown did not complete: {}", e.toString());
            http.shutdownNow();
        }
        if (retention != null) {
            retention.close();
        }
        expiry.close();
        sync.close();
        database.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
