package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.sync.SyncRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The Identity Center sync (admin scope):
 * <ul>
 *   <li>{@code GET /admin/v1/sync}: mode, pending, deadLetter, lastReconcile, oldestPendingAgeSeconds</li>
 *   <li>{@code GET /admin/v1/sync/plan}: the calls a reconcile would make, without making them</li>
 *   <li>{@code POST /admin/v1/sync/reconcile}: reconcile now</li>
 *   <li>{@code POST /admin/v1/sync/retry}: requeue the dead letters</li>
 * </ul>
 * Like the other admin endpoints, it answers {@code application/json} whatever the {@code Accept} header (a SCIM
 * client's {@code application/scim+json} included), so no {@code @Produces} that would turn that into a 406.
 */
@Path("admin/v1/sync")
public final class SyncResource {

    private final IdentityCenterSync sync;

    public SyncResource(IdentityCenterSync sync) {
        this.sync = sync;
    }

    @GET
    public Response status() {
        return json(SyncRendering.status(sync.status()));
    }

    @GET
    @Path("plan")
    public Response plan() {
        return json(SyncRendering.plan(sync.plan()));
    }

    @POST
    @Path("reconcile")
    public Response reconcile() {
        return json(SyncRendering.report(sync.reconcile()));
    }

    @POST
    @Path("retry")
    public Response retry() {
        int n = sync.retryDeadLetters();
        return json(ScimJson.MAPPER.createObjectNode().put("requeued", n));
    }

    private static Response json(JsonNode body) {
        return Response.ok(ScimJson.bytes(body)).type("application/json").build();
    }
}
