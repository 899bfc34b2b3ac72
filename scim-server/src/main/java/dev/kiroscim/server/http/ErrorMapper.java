package dev.kiroscim.server.http;

import dev.kiroscim.core.directory.StoreBusy;
import dev.kiroscim.core.directory.UniquenessViolation;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a SCIM error body. Client errors keep their status; a uniqueness violation raised by the
 * database's unique index is 409 {@code uniqueness}; an exhausted connection pool is 429 with
 * {@code Retry-After}; only a genuine server fault is a 500, and its details go to the log, not to the client.
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ScimException se) {
            return ScimErrors.response(se.status(), se.scimType(), se.detail());
        }
        if (e instanceof UniquenessViolation uv) {
            return ScimErrors.response(409, ScimType.UNIQUENESS, uv.getMessage());
        }
        if (e instanceof StoreBusy) {
            return Overload.tooManyRequests("the database is saturated; retry shortly");
        }
        if (e instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            int status = original.getStatus();
            Response.ResponseBuilder builder = Response.fromResponse(ScimErrors.response(status, null, describe(wae, status)));
            if (e instanceof NotAllowedException && original.getHeaderString("Allow") != null) {
                builder.header("Allow", original.getHeaderString("Allow"));
            }
            return builder.build();
        }
        LOG.error("unexpected error while serving a request", e);
        return ScimErrors.response(500, null, "internal error; see the server log");
    }

    private static String describe(WebApplicationException e, int status) {
        return switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed on this endpoint";
            case 406 -> "responses are application/scim+json";
            case 413 -> "the request body is larger than 1 MiB";
            case 415 -> "send application/scim+json or application/json";
            default -> e.getMessage() == null ? "HTTP " + status : e.getMessage();
        };
    }
}
