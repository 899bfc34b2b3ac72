package dev.kiroscim.server.admin;

import dev.kiroscim.core.audit.AuditTrail;
import dev.kiroscim.core.audit.ChainVerifier;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /admin/v1/audit/verify} (admin scope): checks the hash chain now, like CLI {@code audit verify}:
 * {@code {"ok":true,"verified":1234,"firstBadSeq":null,"problem":null,"checkedAt":"…"}}.
 */
@Path("admin/v1/audit/verify")
public final class AuditVerifyResource {

    private final AuditTrail trail;
    private final Clock clock;

    public AuditVerifyResource(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GET
    public Response verify() {
        ChainVerifier.Verification v = trail.verify();
        var out = ScimJson.MAPPER.createObjectNode().put("ok", v.ok()).put("verified", v.verified())
                .put("problem", v.problem()).put("checkedAt", clock.instant().toString());
        if (v.firstBadSeq() == null) {
            out.putNull("firstBadSeq");
        } else {
            out.put("firstBadSeq", v.firstBadSeq());
        }
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
