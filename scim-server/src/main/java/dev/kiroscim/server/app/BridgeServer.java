package dev.kiroscim.server.app;

import dev.kiroscim.core.audit.service.AuditRecorder;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.auth.service.ManageTokens;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.core.costs.Recommendations;
import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.StoredPolicy;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.service.SeatAllocationListener;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.OutboxListener;
import dev.kiroscim.core.transaction.DirectoryChangeListeners;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.KiroActivityEvidence;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import dev.kiroscim.server.admin.AdminActions;
import dev.kiroscim.server.admin.AuditResource;
import dev.kiroscim.server.admin.BackupResource;
import dev.kiroscim.server.admin.BudgetMetrics;
import dev.kiroscim.server.admin.ClusterMetrics;
import dev.kiroscim.server.admin.ClusterResource;
import dev.kiroscim.server.admin.EntitlementsResource;
import dev.kiroscim.server.admin.ExplainResource;
import dev.kiroscim.server.admin.IdleSeatsResource;
import dev.kiroscim.server.admin.InvoiceResource;
import dev.kiroscim.server.admin.MetricsResource;
import dev.kiroscim.server.admin.NotificationMetrics;
import dev.kiroscim.server.admin.NotificationsResource;
import dev.kiroscim.server.admin.PolicyResource;
import dev.kiroscim.server.admin.RecommendationsResource;
import dev.kiroscim.server.admin.ReportsResource;
import dev.kiroscim.server.admin.SeatAndSyncMetrics;
import dev.kiroscim.server.admin.SeatsResource;
import dev.kiroscim.server.admin.SyncResource;
import dev.kiroscim.server.admin.TokensResource;
import dev.kiroscim.server.admin.UsageResource;
import dev.kiroscim.server.admin.UserUsageResource;
import dev.kiroscim.server.backup.OnlineBackups;
import dev.kiroscim.server.cluster.ClusterComposition;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.config.EdgeSection;
import dev.kiroscim.server.console.ConsoleComposition;
import dev.kiroscim.server.http.AuthBackoff;
import dev.kiroscim.server.http.AuthFailures;
import dev.kiroscim.server.http.AuthFilter;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.BodyLimit;
import dev.kiroscim.server.http.CaseInsensitivePaths;
import dev.kiroscim.server.http.ClientAddresses;
import dev.kiroscim.server.http.ErrorMapper;
import dev.kiroscim.server.http.HeaderSyntax;
import dev.kiroscim.server.http.HealthResource;
import dev.kiroscim.server.http.MalformedUriGuard;
import dev.kiroscim.server.http.Overload;
import dev.kiroscim.server.http.OversizedHeadResponses;
import dev.kiroscim.server.http.RequestHeadLimits;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.http.RequestLogContext;
import dev.kiroscim.server.http.RequestMetrics;
import dev.kiroscim.server.http.SecurityHeaders;
import dev.kiroscim.server.http.StaleRequests;
import dev.kiroscim.server.http.ThrottleMetrics;
import dev.kiroscim.server.http.TokenRateLimit;
import dev.kiroscim.server.http.TokenUsage;
import dev.kiroscim.server.http.TrailingSlash;
import dev.kiroscim.server.http.UpgradeOffersIgnored;
import dev.kiroscim.server.metrics.Meters;
import dev.kiroscim.server.notify.NotificationComposition;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.provisioning.ProvisionGroups;
import dev.kiroscim.server.scim.provisioning.ProvisionUsers;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.rest.DiscoveryResource;
import dev.kiroscim.server.scim.rest.GroupsResource;
import dev.kiroscim.server.scim.rest.UsersResource;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import dev.kiroscim.server.seats.BudgetMonthJob;
import dev.kiroscim.server.seats.PolicyReloader;
import dev.kiroscim.server.seats.ReloadOnSighup;
import dev.kiroscim.server.seats.SeatExpiryJob;
import dev.kiroscim.server.sync.SyncComposition;
import dev.kiroscim.server.tls.TlsSettings;
import dev.kiroscim.server.usage.DailyUsageWork;
import dev.kiroscim.server.usage.UsageComposition;
import dev.kiroscim.server.usage.UsageImportJob;
import dev.kiroscim.server.usage.UsageMetrics;
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
    private final ClusterComposition cluster;
    private final IdentityCenterSync sync;
    private final TokenUsage tokenUsage;
    private final TlsSettings tls;
    private final UsageComposition usage;
    private final NotificationComposition notifications;

    private BridgeServer(
            HttpServer http,
            Database database,
            ClusterComposition cluster,
            IdentityCenterSync sync,
            TokenUsage tokenUsage,
            TlsSettings tls,
            UsageComposition usage,
            NotificationComposition notifications) {
        this.http = http;
        this.database = database;
        this.cluster = cluster;
        this.sync = sync;
        this.tokenUsage = tokenUsage;
        this.tls = tls;
        this.usage = usage;
        this.notifications = notifications;
    }

    public static BridgeServer start(
            String bind, int port, DatabaseConfig dbConfig, BridgeConfig config, String bootstrapToken)
            throws IOException {
        return start(bind, port, dbConfig, config, bootstrapToken, null);
    }

    /** @param tls in-jar TLS ({@code --tls-cert/--tls-key}), or null for plain HTTP (TLS at the load balancer) */
    public static BridgeServer start(
            String bind, int port, DatabaseConfig dbConfig, BridgeConfig config, String bootstrapToken, TlsSettings tls)
            throws IOException {
        Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
        PolicyInForce policy = config.policyInForce();
        StoredPolicy fromFile = config.storedPolicy("start-up", clock.instant());
        Database database = Database.open(dbConfig);
        ClusterComposition cluster = null;
        IdentityCenterSync sync = null;
        TokenUsage tokenUsage = null;
        NotificationComposition notifications = null;
        try {
            cluster = ClusterComposition.create(database, bind, port, !dbConfig.isPostgres(), clock);
            FilterParser parser = new FilterParser(ScimSchemas.KNOWN_URNS);
            ResourceDocumentReader reader = new ResourceDocumentReader();
            PatchEngine patch = new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT);
            tokenUsage = new TokenUsage(database).start();
            Authenticator authenticator = new Authenticator(database, bootstrapToken, clock, tokenUsage);
            EdgeSection edge = config.edge();
            Meters meters = Meters.create();
            meters.bindConnectionPool(database.dataSource());
            ThrottleMetrics throttles = new ThrottleMetrics(meters.registry());
            AuthFilter.Guards guards = new AuthFilter.Guards(
                    new ClientAddresses(edge.trustedProxies()),
                    new AuthBackoff(),
                    new TokenRateLimit(edge.perTokenPerSecond(), edge.burst()),
                    throttles);
            AdminActions adminActions = new AdminActions(database);
            RequestIds requestIds = new RequestIds(clock);
            RequestMetrics metrics = new RequestMetrics(meters.registry());
            // Applied at start-up too: a cap lowered while the server was down is enforced before the first request.
            // One policy for the cluster: the file's, or the database's when peers run (ClusterComposition).
            ManageSeats seats = new ManageSeats(database, policy);
            // Before the first write (the start-up policy below): from here on, audit events queue their webhooks.
            notifications =
                    NotificationComposition.create(config.notifications(), database, seats, cluster.replicaId(), clock);
            ManageSeats.StartupPolicy startup =
                    seats.startup(fromFile, policy, cluster.fileMayWinAtStartup(), ManageSeats.system(clock.instant()));
            logStartupPolicy(startup, policy, seats);
            var node = cluster.node(() -> seats.policyInForce().contentSha256(), policy.contentSha256());
            PolicyReloader reloader = new PolicyReloader(seats, config.source(), cluster.replicaId());
            sync = SyncComposition.create(
                    database,
                    config.identityCenter(),
                    seats::policy,
                    SyncComposition.SEATS,
                    clock,
                    cluster::rateBudget);
            // Audit first: later listeners append their own events after the SCIM ones. Seats before the outbox:
            // a seat change enqueues Identity Center work for every user it touched, promotions included.
            DirectoryChangeListeners listeners = new DirectoryChangeListeners(java.util.List.of(
                    new AuditRecorder(),
                    new SeatAllocationListener(seats::policyAfterLock),
                    new OutboxListener(sync::wake)));
            AuditTrail auditTrail = new AuditTrail(database, seats::policy);
            UsageComposition usage = UsageComposition.create(config.usage(), database, clock);
            IdleSeats idleSeats = usage.idleSeats(database, seats::policy, clock);
            DailyUsageWork dailyUsage = new DailyUsageWork(usage, idleSeats, seats, clock);
            Invoices invoices = new Invoices(auditTrail, seats::policy, usage.reports()::dailyCredits, clock);

            meters.collectAtScrape(new SeatAndSyncMetrics(sync, seats));
            meters.collectAtScrape(new dev.kiroscim.server.sync.DownstreamMetrics(sync));
            meters.collectAtScrape(new UsageMetrics(invoices, usage, idleSeats));
            meters.collectAtScrape(new ClusterMetrics(node, clock));
            meters.collectAtScrape(new BudgetMetrics(seats, clock));
            meters.collectAtScrape(new NotificationMetrics(notifications, clock));

            ResourceConfig rc = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                    .register(requestIds)
                    .register(new RequestLogContext())
                    .register(metrics)
                    .register(new Overload(config.maxInFlight()))
                    .register(new StaleRequests(config.maxRequestAge(), clock))
                    .register(new TrailingSlash())
                    .register(new RequestHeadLimits())
                    .register(new HeaderSyntax())
                    .register(new CaseInsensitivePaths())
                    .register(new BodyLimit())
                    .register(new AuthFilter(authenticator, new AuthFailures(database, clock), guards, clock))
                    .register(new SecurityHeaders())
                    .register(new ErrorMapper())
                    .register(new HealthResource(database))
                    .register(new DiscoveryResource(config.scim()))
                    .register(new UsersResource(
                            new ProvisionUsers(database, reader, patch, listeners), parser, config.scim(), requestIds))
                    .register(new GroupsResource(
                            new ProvisionGroups(database, reader, patch, listeners), parser, config.scim(), requestIds))
                    .register(new TokensResource(new ManageTokens(database, clock), authenticator, requestIds))
                    .register(new AuditResource(auditTrail))
                    .register(new ReportsResource(auditTrail))
                    .register(new SeatsResource(seats))
                    .register(new EntitlementsResource(seats))
                    .register(new PolicyResource(reloader, requestIds, adminActions))
                    .register(new SyncResource(
                            sync,
                            requestIds,
                            adminActions,
                            config.identityCenter().scimTokenExpires()))
                    .register(new MetricsResource(meters))
                    .register(new NotificationsResource(notifications, requestIds, adminActions, clock))
                    .register(new ClusterResource(node, seats, clock))
                    .register(new ExplainResource(
                            new ExplainAccess(database, seats::policy, sync::mode, clock),
                            new KiroActivityEvidence(idleSeats, auditTrail)::addTo))
                    .register(new UsageResource(usage, dailyUsage))
                    .register(new UserUsageResource(usage, database))
                    .register(new InvoiceResource(invoices))
                    .register(new IdleSeatsResource(idleSeats))
                    .register(new RecommendationsResource(
                            new Recommendations(invoices, seats::policy, usage.reports()::dailyCredits)))
                    .register(new BackupResource(
                            new OnlineBackups(database, OnlineBackups.directoryFor(dbConfig), clock)));
            ConsoleComposition.register(rc, database, config.console(), authenticator, auditTrail, seats, clock);

            String scheme = tls == null ? "http" : "https";
            HttpServer http = tls == null
                    ? GrizzlyHttpServerFactory.createHttpServer(
                            URI.create("http://" + bind + ":" + port + "/"), rc, false)
                    : GrizzlyHttpServerFactory.createHttpServer(
                            URI.create("https://" + bind + ":" + port + "/"), rc, true, tls.engine(), false);
            MalformedUriGuard.install(http);
            for (NetworkListener listener : http.getListeners()) {
                listener.getTransport()
                        .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                                .setPoolName("kiro-http")
                                .setCorePoolSize(16)
                                .setMaxPoolSize(config.maxInFlight() + 16));
                listener.getKeepAlive().setIdleTimeoutInSeconds(60);
                listener.setMaxHttpHeaderSize(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES);
                listener.setMaxRequestHeaders(RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT);
                UpgradeOffersIgnored.install(listener);
            }
            http.start();
            for (NetworkListener listener : http.getListeners()) {
                OversizedHeadResponses.install(listener, http.getServerConfiguration());
            }
            LOG.info(
                    "Kiro SCIM Bridge listening on {}://{}:{}/scim/v2 (database: {})",
                    scheme,
                    bind,
                    port,
                    dbConfig.describe());
            if (tls != null) {
                LOG.info("in-jar {}", tls.describe());
            }
            // Singleton jobs: registered first, then the node's first heartbeat takes the free leases.
            config.auditRetention().ifPresent(keep -> AuditRetentionJob.schedule(node, auditTrail, keep, clock));
            SeatExpiryJob.schedule(node, seats, clock);
            BudgetMonthJob.schedule(node, seats, clock);
            notifications.start(node, seats, config.identityCenter().scimTokenExpires(), clock);
            node.onHeartbeat(seats::refreshFromCluster);
            ReloadOnSighup.install(reloader, clock);
            LOG.info(
                    "entitlement policy from {}: {} tiers, {} pools",
                    seats.policyInForce().source(),
                    seats.policy().tiers().size(),
                    seats.policy().pools().size());
            sync.start(node);
            cluster.start();
            LOG.info("Identity Center sync: {} mode; replica {}", sync.mode(), cluster.replicaId());
            if (usage.importer().isPresent()) {
                LOG.info(
                        "Kiro usage reports from {}, imported daily at {} UTC (singleton job {})",
                        usage.source().orElseThrow().describe(),
                        config.usage().importAt(),
                        UsageImportJob.NAME);
                UsageImportJob.schedule(node, dailyUsage::daily, config.usage().importAt(), clock);
            }
            return new BridgeServer(http, database, cluster, sync, tokenUsage, tls, usage, notifications);
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            if (tokenUsage != null) {
                tokenUsage.close();
            }
            if (sync != null) {
                sync.close();
            }
            if (notifications != null) {
                notifications.close();
            }
            database.close();
            throw e;
        }
    }

    private static void logStartupPolicy(ManageSeats.StartupPolicy startup, PolicyInForce fromFile, ManageSeats seats) {
        if (startup == ManageSeats.StartupPolicy.DATABASE_WON) {
            LOG.warn(
                    "the policy in {} (sha256 {}) differs from the cluster's active policy (sha256 {}), which other "
                            + "replicas enforce: enforcing the cluster's. To make the file's policy active, run "
                            + "'policy apply {}' or POST /admin/v1/policy/reload on this replica (GET /admin/v1/cluster shows "
                            + "which replicas differ)",
                    fromFile.source(),
                    fromFile.contentSha256(),
                    seats.policyInForce().contentSha256(),
                    fromFile.source());
        } else if (startup == ManageSeats.StartupPolicy.FILE_WON) {
            LOG.info("no other replica runs: the policy in {} replaces the cluster's active policy", fromFile.source());
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
        cluster.close(); // jobs stop and their leases are released: a peer takes them at its next heartbeat
        usage.close();
        sync.close();
        notifications.close();
        tokenUsage.close(); // writes the last "last used" times
        if (tls != null) {
            tls.close();
        }
        database.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
