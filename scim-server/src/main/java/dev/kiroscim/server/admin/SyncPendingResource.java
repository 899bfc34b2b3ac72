package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.sync.state.PendingItems;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/sync/pending?limit=50} (admin scope): the oldest Identity Center work still to do:
 * {@code {"items":[{"id","userId","userName","reason","enqueuedAt","attempts","nextAttemptAt","lastError"}]}}.
 * The counts are in {@code GET /admin/v1/sync}; the dead letters are listed there too.
 */
@Path("admin/v1/sync/pending")
public final class SyncPendingResource {

    private final PendingItems pending;

    public SyncPendingResource(PendingItems pending) {
        this.pending = pending;
    }

    @GET
    public Response pending(@QueryParam("limit") String limit) {
        int n;
        try {
            n = limit == null || limit.isBlank() ? 50 : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 500) {
            return AdminErrors.of(400, "limit must be a number between 1 and 500");
        }
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        pending.oldest(n)
                .forEach(i -> items.addObject()
                        .put("id", i.id())
                        .put("userId", i.userId())
                        .put("userName", i.userName())
                        .put("reason", i.reason())
                        .put("enqueuedAt", i.enqueuedAt().toString())
                        .put("attempts", i.attempts())
                        .put("nextAttemptAt", i.nextAttemptAt().toString())
                        .put("lastError", i.lastError()));
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
