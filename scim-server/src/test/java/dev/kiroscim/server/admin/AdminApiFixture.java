package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.audit.service.AuditRecorder;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.auth.service.ManageTokens;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.core.costs.Recommendations;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.service.PoolRoster;
import dev.kiroscim.core.seats.service.SeatAllocationListener;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.OutboxListener;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.testsupport.MutableClock;
import dev.kiroscim.core.transaction.DirectoryChangeListeners;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.KiroActivityEvidence;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import dev.kiroscim.persistence.JdbcClusterStore;
import dev.kiroscim.persistence.JdbcPendingItems;
import dev.kiroscim.persistence.JdbcPeopleSearch;
import dev.kiroscim.server.backup.OnlineBackups;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.http.AuthBackoff;
import dev.kiroscim.server.http.AuthFailures;
import dev.kiroscim.server.http.AuthFilter;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.ClientAddresses;
import dev.kiroscim.server.http.ErrorMapper;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.http.ThrottleMetrics;
import dev.kiroscim.server.http.TokenRateLimit;
import dev.kiroscim.server.http.TokenUsage;
import dev.kiroscim.server.metrics.Meters;
import dev.kiroscim.server.notify.NotificationComposition;
import dev.kiroscim.server.scim.document.Json;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.provisioning.ProvisionGroups;
import dev.kiroscim.server.scim.provisioning.ProvisionUsers;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.seats.PolicyReloader;
import dev.kiroscim.server.sync.SyncComposition;
import dev.kiroscim.server.usage.DailyUsageWork;
import dev.kiroscim.server.usage.UsageComposition;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The admin API in process, without the jar or a socket: the admin resources wired as {@code BridgeServer} and
 * {@code ConsoleComposition} wire them (with the auth filter and the error mapper in front), on an H2 file
 * database, at a clock that stands at {@link #NOW} unless a test moves it ({@link #advance}), run by Jersey's {@link ApplicationHandler}.
 *
 * <p>Seeded through the real provisioning use cases, so every resource reads state the way the server writes it:
 * <ul>
 *   <li>{@code Dev-Team} (PRO, 1 seat): ann joined first and holds the seat; bob, then cara, wait in that order;</li>
 *   <li>{@code Power-Team} (POWER, unlimited, {@code maxGrant: P10D}, $500 a month): dan holds a seat granted
 *       {@link #DAN_GRANTED};</li>
 *   <li>eve is in no group; {@code Kiro-Idle} is a pool nobody is in.</li>
 * </ul>
 * The server started at {@link #STARTED}. The downstream is a SCIM endpoint nobody listens on (nothing calls it unless a test reconciles); the token file
 * holds {@link #DOWNSTREAM_SECRET}. One webhook endpoint, {@code ops}, is configured; its worker is not started.
 */
final class AdminApiFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    static final Instant STARTED = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DAN_GRANTED = Instant.parse("2026-11-10T09:00:00Z");
    static final String BOOTSTRAP = "bootstrap-secret-for-admin-tests";
    static final String DOWNSTREAM_SECRET = "downstream-scim-secret-never-shown";
    static final String DOWNSTREAM_ENDPOINT = "http://127.0.0.1:9/scim/v2";

    static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
                includedCredits: 1000
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
                includedCredits: 10000
            pools:
              - group: Dev-Team
                tier: PRO
                seats: 1
              - group: Power-Team
                tier: POWER
                maxGrant: P10D
                monthlyBudgetUsd: 500
              - group: Kiro-Idle
                tier: PRO
                seats: 5
            overage:
              enabled: true
              pricePerCreditUsd: 0.04
            """;

    private final Path dir;
    private final MutableClock clock;
    private final Path configFile;
    private final Database database;
    private final ApplicationHandler handler;
    private final ProvisionUsers users;
    private final ProvisionGroups groups;
    private final ManageSeats seats;
    private final TokenUsage tokenUsage;
    private final NotificationComposition notifications;
    private final String replicaId;
    private final Map<String, String> userIds = new LinkedHashMap<>();
    private final Map<String, String> groupIds = new LinkedHashMap<>();

    private AdminApiFixture(Path dir, String extraConfig) throws IOException {
        this.dir = dir;
        clock = new MutableClock(NOW);
        Files.writeString(dir.resolve("downstream-token"), DOWNSTREAM_SECRET);
        configFile = dir.resolve("kiro-scim.yaml");
        Files.writeString(configFile, configText(POLICY, dir) + extraConfig);
        BridgeConfig config = BridgeConfig.load(configFile);
        PolicyInForce policy = config.policyInForce();
        // A file database, as the server runs it: BACKUP TO (POST /admin/v1/backup) needs one.
        database = Database.open(DatabaseConfig.h2(dir.resolve("data")));
        replicaId = "r-admin-tests";

        seats = new ManageSeats(database, policy);
        // Started before the seeded history: seat times never run backwards (the ledger keeps FIFO order).
        seats.startup(config.storedPolicy("start-up", STARTED), policy, true, ManageSeats.system(STARTED));
        notifications = NotificationComposition.create(config.notifications(), database, seats, replicaId, clock);
        IdentityCenterSync sync =
                SyncComposition.create(database, config.identityCenter(), seats::policy, SyncComposition.SEATS, clock);
        DirectoryChangeListeners listeners = new DirectoryChangeListeners(List.of(
                new AuditRecorder(), new SeatAllocationListener(seats::policyAfterLock), new OutboxListener(() -> {})));
        ResourceDocumentReader reader = new ResourceDocumentReader();
        PatchEngine patch = new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT);
        users = new ProvisionUsers(database, reader, patch, listeners);
        groups = new ProvisionGroups(database, reader, patch, listeners);

        AuditTrail auditTrail = new AuditTrail(database, seats::policy);
        UsageComposition usage = UsageComposition.create(config.usage(), database, clock);
        IdleSeats idleSeats = usage.idleSeats(database, seats::policy, clock);
        Invoices invoices = new Invoices(auditTrail, seats::policy, usage.reports()::dailyCredits, clock);
        tokenUsage = new TokenUsage(database);
        Authenticator authenticator = new Authenticator(database, BOOTSTRAP, clock, tokenUsage);
        Meters meters = Meters.create();
        AuthFilter.Guards guards = new AuthFilter.Guards(
                new ClientAddresses(config.edge().trustedProxies()),
                new AuthBackoff(),
                new TokenRateLimit(1000, 1000),
                new ThrottleMetrics(meters.registry()));
        RequestIds requestIds = new RequestIds(clock);
        AdminActions adminActions = new AdminActions(database);
        JdbcClusterStore clusterStore = JdbcClusterStore.of(database);
        var node = new dev.kiroscim.core.cluster.ClusterNode(
                clusterStore,
                replicaId,
                "admin-tests:8080",
                () -> seats.policyInForce().contentSha256(),
                policy::contentSha256,
                clock,
                true);
        clusterStore.heartbeat(node.self());

        meters.collectAtScrape(new SeatAndSyncMetrics(sync, seats));
        meters.collectAtScrape(new ClusterMetrics(node, clock));
        meters.collectAtScrape(new BudgetMetrics(seats, clock));
        meters.collectAtScrape(new NotificationMetrics(notifications, clock));

        ResourceConfig rc = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(requestIds)
                .register(new AuthFilter(authenticator, new AuthFailures(database, clock), guards, clock))
                .register(new ErrorMapper())
                .register(new TokensResource(new ManageTokens(database, clock), authenticator, requestIds))
                .register(new AuditResource(auditTrail))
                .register(new AuditVerifyResource(auditTrail, clock))
                .register(new ReportsResource(auditTrail))
                .register(new SeatsResource(seats))
                .register(new SeatUseResource(auditTrail, clock))
                .register(new IdleSeatsResource(idleSeats))
                .register(new EntitlementsResource(seats))
                .register(new PoolsResource(new PoolRoster(database, seats::policy), clock))
                .register(new PeopleResource(new JdbcPeopleSearch(database.dataSource())))
                .register(
                        new PolicyResource(new PolicyReloader(seats, configFile, replicaId), requestIds, adminActions))
                .register(new SyncResource(
                        sync, requestIds, adminActions, config.identityCenter().scimTokenExpires()))
                .register(new SyncPendingResource(new JdbcPendingItems(database.dataSource())))
                .register(new MetricsResource(meters))
                .register(new NotificationsResource(notifications, requestIds, adminActions, clock))
                .register(new ClusterResource(node, seats, clock))
                .register(new ExplainResource(
                        new ExplainAccess(database, seats::policy, sync::mode, clock),
                        new KiroActivityEvidence(idleSeats, auditTrail)::addTo))
                .register(new UsageResource(usage, new DailyUsageWork(usage, idleSeats, seats, clock)))
                .register(new UserUsageResource(usage, database))
                .register(new InvoiceResource(invoices))
                .register(new RecommendationsResource(
                        new Recommendations(invoices, seats::policy, usage.reports()::dailyCredits)))
                .register(new BackupResource(new OnlineBackups(database, dir.resolve("backups"), clock)));
        handler = new ApplicationHandler(rc);
        seed();
    }

    /** A fresh database and application, seeded. */
    static AdminApiFixture start(Path dir) {
        return start(dir, "");
    }

    /** @param extraConfig more top-level config sections (e.g. {@code usage:}) after the fixture's own */
    static AdminApiFixture start(Path dir, String extraConfig) {
        try {
            return new AdminApiFixture(dir, extraConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy plus the fixture's downstream and webhook sections (the token file in {@code dir}). */
    static String configText(String policy, Path dir) {
        return policy
                + """
                identityCenter:
                  mode: scim
                  scimEndpoint: %s
                  scimTokenFile: %s
                  scimTokenExpires: 2027-06-30
                notifications:
                  - name: ops
                    url: https://hooks.example.com/kiro
                    events: [seat.]
                    format: slack
                """.formatted(
                        DOWNSTREAM_ENDPOINT, dir.resolve("downstream-token").toAbsolutePath());
    }

    private void seed() {
        for (String name : List.of("ann", "bob", "cara", "dan", "eve")) {
            String userName = name + "@example.com";
            String id = users.create(
                            Json.parse("{'userName':'" + userName + "','displayName':'" + capitalised(name)
                                    + " Example','emails':[{'value':'" + userName + "','primary':true}]}"),
                            at("2026-11-01T08:00:00Z"))
                    .user()
                    .id();
            userIds.put(name, id);
        }
        groupIds.put("Dev-Team", createGroup("Dev-Team", "ann", "2026-11-01T09:00:00Z"));
        addMember("Dev-Team", "bob", "2026-11-02T09:00:00Z");
        addMember("Dev-Team", "cara", "2026-11-03T09:00:00Z");
        groupIds.put("Power-Team", createGroup("Power-Team", "dan", DAN_GRANTED.toString()));
        groupIds.put("Kiro-Idle", createGroupWithoutMembers("Kiro-Idle", "2026-11-04T09:00:00Z"));
    }

    private String createGroup(String name, String member, String when) {
        return groups.create(
                        Json.parse("{'displayName':'" + name + "','members':[{'value':'" + userId(member) + "'}]}"),
                        at(when))
                .id();
    }

    private String createGroupWithoutMembers(String name, String when) {
        return groups.create(Json.parse("{'displayName':'" + name + "'}"), at(when))
                .id();
    }

    private void addMember(String group, String member, String when) {
        groups.patch(
                groupIds.get(group),
                Json.parse("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + "'Operations':[{'op':'add','path':'members','value':[{'value':'" + userId(member) + "'}]}]}"),
                null,
                at(when));
    }

    /** The IdP deactivates {@code name} at {@code when} (a PATCH of {@code active}), as Okta does on unassign. */
    void deactivate(String name, String when) {
        users.patch(
                userId(name),
                Json.parse("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + "'Operations':[{'op':'replace','path':'active','value':false}]}"),
                null,
                false,
                at(when));
    }

    /** Records what a sync would have: {@code name} is Identity Store user {@code identityStoreUserId}. */
    void linkToIdentityCenter(String name, String identityStoreUserId) {
        String userName = name + "@example.com";
        database.write(tx -> {
            tx.identityCenterLinks()
                    .save(new IdentityCenterLink(
                            userId(name),
                            identityStoreUserId,
                            IdentityCenterLink.Origin.CREATED,
                            new IdentityCenterUserProfile(
                                    userName, capitalised(name) + " Example", capitalised(name), "Example", userName),
                            Map.of()));
            return null;
        });
    }

    private static ChangeContext at(String when) {
        return new ChangeContext("okta", "seed-" + when, Instant.parse(when));
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    String userId(String name) {
        return userIds.get(name);
    }

    String groupId(String name) {
        return groupIds.get(name);
    }

    Database database() {
        return database;
    }

    ManageSeats seats() {
        return seats;
    }

    Path configFile() {
        return configFile;
    }

    Path dir() {
        return dir;
    }

    String replicaId() {
        return replicaId;
    }

    /** The server's clock: {@link #NOW} until a test moves it on. */
    Instant now() {
        return clock.instant();
    }

    /** Moves the server's clock on, for tests of what happens later (a rotation after the creation). */
    void advance(Duration by) {
        clock.advance(by);
    }

    /** {@code GET path} (with its query) as the bootstrap token. */
    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of(), null);
    }

    /** {@code GET path} with extra headers, as the bootstrap token unless they carry an Authorization. */
    Answer get(String pathAndQuery, Map<String, String> headers) {
        return send("GET", pathAndQuery, headers, null);
    }

    Answer post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, Map.of(), json);
    }

    Answer delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    Answer send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        ContainerRequest request = new ContainerRequest(
                URI.create("http://admin.test/"),
                URI.create("http://admin.test/" + pathAndQuery.replaceFirst("^/", "")),
                method,
                null,
                new MapPropertiesDelegate(),
                handler.getConfiguration());
        request.header("Authorization", "Bearer " + BOOTSTRAP);
        headers.forEach(request::header);
        if (headers.containsKey("Authorization")) {
            request.getHeaders().putSingle("Authorization", headers.get("Authorization"));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerResponse response = handler.apply(request, out).get();
            return new Answer(
                    response.getStatus(),
                    response.getMediaType() == null
                            ? null
                            : response.getMediaType().toString(),
                    response.getStringHeaders(),
                    out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A response as a client sees it: status, content type, headers and body text. */
    record Answer(int status, String contentType, MultivaluedMap<String, String> headers, String body) {

        JsonNode json() {
            return ScimJson.parseStored(body);
        }

        /** The admin error body's message ({@code {"status":…,"message":…}}). */
        String message() {
            return json().path("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    @Override
    public void close() {
        notifications.close();
        tokenUsage.close();
        database.close();
    }
}
