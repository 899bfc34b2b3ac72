package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.state.ReconcileReport;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.sync.SyncRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Identity Center sync (admin scope):
 * <ul>
 *   <li>{@code GET /admin/v1/sync}: mode, pending, deadLetter, lastReconcile, oldestPendingAgeSeconds, and the
 *       downstream (kind, endpoint, and the SCIM token's configured expiry {@code tokenExpires})</li>
 *   <li>{@code GET /admin/v1/sync/plan}: the calls a reconcile would make, without making them (502 when the
 *       downstream cannot be read)</li>
 *   <li>{@code POST /admin/v1/sync/reconcile}: reconcile now (502 when the downstream cannot be read)</li>
 *   <li>{@code POST /admin/v1/sync/retry}: requeue the dead letters</li>
 * </ul>
 * Like the other admin endpoints, it answers {@code application/json} whatever the {@code Accept} header (a SCIM
 * client's {@code application/scim+json} included), so no {@code @Produces} that would turn that into a 406.
 */
@Path("admin/v1/sync")
public final class SyncResource {

    private final IdentityCenterSync sync;
    private final RequestIds requestIds;
    private final AdminActions actions;
    private final Optional<Instant> tokenExpires;

    /** @param tokenExpires {@code identityCenter.scimTokenExpires}, shown as {@code downstream.tokenExpires} */
    public SyncResource(
            IdentityCenterSync sync, RequestIds requestIds, AdminActions actions, Optional<Instant> tokenExpires) {
        this.sync = sync;
        this.requestIds = requestIds;
        this.actions = actions;
        this.tokenExpires = tokenExpires;
    }

    @GET
    public Response status() {
        return json(SyncRendering.status(sync.status(), tokenExpires));
    }

    @GET
    @Path("plan")
    public Response plan() {
        try {
            return json(SyncRendering.plan(sync.plan(), sync.downstream()));
        } catch (IdentityCenterException e) {
            // The plan reads the downstream (its tier groups and members): when that cannot be read, the admin gets
            // 502 with the downstream's error, not a 500 "internal error" that sends them to the server log.
            return AdminErrors.of(502, "the plan needs the downstream, which could not be read: " + e.getMessage());
        }
    }

    @POST
    @Path("reconcile")
    public Response reconcile(@Context ContainerRequestContext context) {
        ChangeContext ctx = requestIds.context(context);
        ReconcileReport report;
        try {
            report = sync.reconcile();
        } catch (IdentityCenterException e) {
            // As for the plan: an unreachable or failing downstream is the admin's answer (502, with its error, and
            // audited like any reconcile), not a 500 "internal error". Nothing was written: the pass reads first.
            Map<String, Object> failed = new java.util.LinkedHashMap<>();
            failed.put("changes", 0);
            failed.put("error", e.getMessage());
            actions.record(ctx, "sync.reconcile", failed);
            return AdminErrors.of(502, "reconcile failed: the downstream could not be read: " + e.getMessage());
        }
        Map<String, Object> outcome = new java.util.LinkedHashMap<>();
        outcome.put("changes", report.changes());
        outcome.put("driftFound", report.drift());
        outcome.put("error", report.error());
        actions.record(ctx, "sync.reconcile", outcome);
        return json(SyncRendering.report(report));
    }

    @POST
    @Path("retry")
    public Response retry(@Context ContainerRequestContext context) {
        ChangeContext ctx = requestIds.context(context);
        int n = sync.retryDeadLetters();
        actions.record(ctx, "sync.retry", Map.of("requeued", n));
        return json(ScimJson.MAPPER.createObjectNode().put("requeued", n));
    }

    private static Response json(JsonNode body) {
        return Response.ok(ScimJson.bytes(body)).type("application/json").build();
    }
}
