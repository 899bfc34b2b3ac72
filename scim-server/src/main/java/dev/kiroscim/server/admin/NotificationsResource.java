package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.core.notify.NotificationDeadLetter;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.TargetRules;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.notify.NotificationComposition;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Webhook notifications (admin scope), like {@code /admin/v1/sync} for Identity Center:
 * <ul>
 *   <li>{@code GET /admin/v1/notifications}: each endpoint (name, target as scheme and host only, format, events)
 *       with its backlog ({@code pending}, {@code deadLetters}, {@code oldestPendingAgeSeconds}) and this replica's
 *       delivered and failed counts; then the dead letters (up to 100) with their last error;</li>
 *   <li>{@code POST /admin/v1/notifications/retry[?endpoint=NAME]}: requeue dead letters, in their order.</li>
 * </ul>
 */
@Path("admin/v1/notifications")
public final class NotificationsResource {

    private final NotificationComposition notifications;
    private final RequestIds requestIds;
    private final AdminActions actions;
    private final Clock clock;

    public NotificationsResource(
            NotificationComposition notifications, RequestIds requestIds, AdminActions actions, Clock clock) {
        this.notifications = notifications;
        this.requestIds = requestIds;
        this.actions = actions;
        this.clock = clock;
    }

    @GET
    public Response status() {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        List<NotificationBacklog> backlog = notifications.backlog();
        Map<String, Long> delivered = notifications.delivery().deliveredCounts();
        Map<String, Long> failed = notifications.delivery().failedCounts();
        ArrayNode endpoints = out.putArray("endpoints");
        for (NotificationEndpoint e : notifications.config().routing().endpoints()) {
            ObjectNode n = endpoints.addObject();
            n.put("name", e.name());
            n.put("target", TargetRules.describe(e.url()));
            n.put("format", e.format().wireName());
            e.events().patterns().forEach(n.putArray("events")::add);
            NotificationBacklog b = backlog.stream()
                    .filter(x -> x.endpoint().equals(e.name()))
                    .findFirst()
                    .orElse(new NotificationBacklog(e.name(), 0, 0, java.util.Optional.empty()));
            n.put("pending", b.pending());
            n.put("deadLetters", b.deadLetters());
            n.put("oldestPendingAgeSeconds", b.oldestPendingAgeSeconds(clock.instant()));
            n.put("delivered", delivered.getOrDefault(e.name(), 0L));
            n.put("failedAttempts", failed.getOrDefault(e.name(), 0L));
        }
        ArrayNode dead = out.putArray("deadLetters");
        for (NotificationDeadLetter d : notifications.deadLetters(100)) {
            ObjectNode n = dead.addObject();
            n.put("id", d.id());
            n.put("endpoint", d.endpoint());
            n.put("auditSeq", d.auditSeq());
            n.put("type", d.eventType());
            n.put("subject", d.subject());
            n.put("attempts", d.attempts());
            n.put("lastError", d.lastError());
            n.put("failedAt", d.failedAt().toString());
        }
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }

    @POST
    @Path("retry")
    public Response retry(@QueryParam("endpoint") String endpoint, @Context ContainerRequestContext context) {
        ChangeContext ctx = requestIds.context(context);
        if (endpoint != null
                && notifications.config().routing().endpoint(endpoint).isEmpty()) {
            return AdminErrors.of(400, "no notification endpoint is named '" + endpoint + "'");
        }
        int n = notifications.retryDeadLetters(endpoint, clock.instant());
        actions.record(
                ctx,
                "notifications.retry",
                endpoint == null ? Map.of("requeued", n) : Map.of("requeued", n, "endpoint", endpoint));
        return Response.ok(ScimJson.bytes(ScimJson.MAPPER.createObjectNode().put("requeued", n)))
                .type("application/json")
                .build();
    }
}
