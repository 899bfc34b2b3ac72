package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.audit.ChainVerifier;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /admin/v1/audit/verify[?refresh=true]} (admin scope): the hash chain's state, like CLI
 * {@code audit verify}: {@code {"ok":true,"verified":1234,"firstBadSeq":null,"problem":null,"checkedAt":"…"}}.
 * Verifying reads every event, so this replica's last result is answered (with its time) unless
 * {@code refresh=true} or it has never checked.
 */
@Path("admin/v1/audit/verify")
public final class AuditVerifyResource {

    private record Checked(ChainVerifier.Verification result, Instant at) {}

    private final AuditTrail trail;
    private final Clock clock;
    private final AtomicReference<Checked> last = new AtomicReference<>();

    public AuditVerifyResource(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GET
    public Response verify(@QueryParam("refresh") String refresh) {
        Checked checked = last.get();
        if (checked == null || "true".equalsIgnoreCase(refresh)) {
            checked = new Checked(trail.verify(), clock.instant());
            last.set(checked);
        }
        ChainVerifier.Verification v = checked.result();
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("ok", v.ok())
                .put("verified", v.verified())
                .put("problem", v.problem())
                .put("checkedAt", checked.at().toString());
        if (v.firstBadSeq() == null) {
            out.putNull("firstBadSeq");
        } else {
            out.put("firstBadSeq", v.firstBadSeq());
        }
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
