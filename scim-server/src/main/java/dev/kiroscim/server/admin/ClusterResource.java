package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.cluster.ClusterNode;
import dev.kiroscim.core.cluster.ReplicaState;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /admin/v1/cluster} (admin scope): the replicas sharing this database, as the registry knows them.
 * <pre>{@code
 * {"self":"r-3f2a9c1e-7b4d","activePolicySha256":"9f86d0…","replicas":[
 *   {"id":"r-3f2a9c1e-7b4d","host":"ip-10-0-1-17:8080","state":"live","startedAt":"2026-12-01T09:00:01Z",
 *    "lastHeartbeat":"2026-12-01T09:42:13Z","heartbeatAgeSeconds":1,"policySha256":"9f86d0…",
 *    "filePolicySha256":"9f86d0…","fileDiffersFromPolicy":false,"jobs":["idc-reconcile","seat-expiry"]}]}
 * }</pre>
 * A replica whose last heartbeat is more than 60 s old is {@code "gone"} (rows are forgotten after a day).
 * {@code fileDiffersFromPolicy} marks a replica that started with a config file whose policy is not the cluster's
 * active one: it enforces the active one; apply the file ({@code policy apply}, reload) if it is the one you want.
 */
@Path("admin/v1/cluster")
public final class ClusterResource {

    private final ClusterNode node;
    private final ManageSeats seats;
    private final Clock clock;

    public ClusterResource(ClusterNode node, ManageSeats seats, Clock clock) {
        this.node = node;
        this.seats = seats;
        this.clock = clock;
    }

    @GET
    public Response cluster() {
        Instant now = clock.instant();
        ObjectNode body = ScimJson.MAPPER
                .createObjectNode()
                .put("self", node.replicaId())
                .put("activePolicySha256", seats.policyInForce().contentSha256());
        ArrayNode replicas = body.putArray("replicas");
        for (ReplicaState r : node.replicas()) {
            ReplicaState row = r.replicaId().equals(node.replicaId()) ? node.self() : r;
            boolean gone = row.goneAt(now);
            ObjectNode o = replicas.addObject()
                    .put("id", row.replicaId())
                    .put("host", row.host())
                    .put("state", gone ? "gone" : "live")
                    .put("startedAt", row.startedAt().toString())
                    .put("lastHeartbeat", row.heartbeatAt().toString())
                    .put(
                            "heartbeatAgeSeconds",
                            Math.max(0, now.getEpochSecond() - row.heartbeatAt().getEpochSecond()))
                    .put("policySha256", row.policySha256())
                    .put("filePolicySha256", row.filePolicySha256())
                    .put("fileDiffersFromPolicy", !row.policySha256().equals(row.filePolicySha256()));
            ArrayNode jobs = o.putArray("jobs");
            if (!gone) {
                row.jobs().forEach(jobs::add); // a gone replica's leases have long expired
            }
        }
        return Response.ok(ScimJson.bytes(body)).type("application/json").build();
    }
}
