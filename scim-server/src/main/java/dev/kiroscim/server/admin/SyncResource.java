package dev.kiroscim.server.admin;

import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.server.sync.SyncRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Identity Center sync (admin scope):
 * <ul>
 *   <li>{@code GET /admin/v1/sync}: mode, pending, deadLetter, lastReconcile, oldestPendingAgeSeconds</li>
 *   <li>{@code GET /admin/v1/sync/plan}: the calls a reconcile would make, without making them</li>
 *   <li>{@code POST /admin/v1/sync/reconcile}: reconcile now</li>
 *   <li>{@code POST /admin/v1/sync/retry}: requeue the dead letters</li>
 * </ul>
 */
@Path("admin/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
public final class SyncResource {

    private final IdentityCenterSync sync;

    public SyncResource(IdentityCenterSync sync) {
        this.sync = sync;
    }

    @GET
    public Response status() {
        return Response.ok(SyncRendering.status(sync.status())).build();
    }

    @GET
    @Path("plan")
    public Response plan() {
        return Response.ok(SyncRendering.plan(sync.plan())).build();
    }

    @POST
    @Path("reconcile")
    public Response reconcile() {
        return Response.ok(SyncRendering.report(sync.reconcile())).build();
    }

    @POST
    @Path("retry")
    public Response retry() {
        int n = sync.retryDeadLetters();
        return Response.ok(dev.kiroscim.server.scim.render.ScimJson.MAPPER.createObjectNode().put("requeued", n)).build();
    }
}
