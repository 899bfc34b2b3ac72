package dev.kiroscim.server.http;

import dev.kiroscim.core.directory.StoreBusy;
import dev.kiroscim.core.directory.StoreUnavailable;
import dev.kiroscim.core.directory.UniquenessViolation;
import dev.kiroscim.core.transaction.StaleWrite;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes an error body: RFC 7644 §3.12 on the SCIM API, {@code {"status","message"}} on the admin
 * API. Client errors keep their status; a uniqueness violation raised by the database's unique index is 409
 * {@code uniqueness}; an exhausted connection pool is 429 with {@code Retry-After}; an unreachable database is 503
 * with {@code Retry-After} (nothing was committed; Okta and Entra retry it); only a genuine server fault is a 500,
 * and its details go to the log, not to the client.
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** While the database is down: long enough not to hammer it, short next to an IdP's retry budget. */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    /** What went wrong, before it is rendered for one API or the other; {@code retryAfter} 0 = no header. */
    private record Failure(int status, ScimType scimType, String detail, String allow, int retryAfter) {}

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable e) {
        Failure f = classify(e);
        boolean admin = uriInfo != null && AdminErrors.isAdminPath(uriInfo.getPath());
        Response.ResponseBuilder builder = Response.fromResponse(
                admin
                        ? AdminErrors.of(f.status(), f.detail())
                        : ScimErrors.response(f.status(), f.scimType(), f.detail()));
        if (f.allow() != null) {
            builder.header("Allow", f.allow());
        }
        if (f.retryAfter() > 0) {
            builder.header("Retry-After", Integer.toString(f.retryAfter()));
        }
        return builder.build();
    }

    private static Failure classify(Throwable e) {
        if (e instanceof ScimException se) {
            return new Failure(se.status(), se.scimType(), se.detail(), null, 0);
        }
        if (e instanceof UniquenessViolation uv) {
            return new Failure(409, ScimType.UNIQUENESS, uv.getMessage(), null, 0);
        }
        if (e instanceof StoreBusy) {
            return new Failure(
                    429, null, "the database is saturated; retry shortly", null, Overload.RETRY_AFTER_SECONDS);
        }
        if (e instanceof StaleWrite) {
            return new Failure(503, null, e.getMessage(), null, 1); // the client retries, as on StaleRequests' 503
        }
        if (e instanceof StoreUnavailable) {
            return new Failure(
                    503,
                    null,
                    "the database is unavailable; nothing was changed, retry shortly",
                    null,
                    UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        if (e instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            int status = original.getStatus();
            String allow = e instanceof NotAllowedException ? original.getHeaderString("Allow") : null;
            return new Failure(status, null, describe(wae, status), allow, 0);
        }
        LOG.error("unexpected error while serving a request", e);
        return new Failure(500, null, "internal error; see the server log", null, 0);
    }

    private static String describe(WebApplicationException e, int status) {
        return switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed on this endpoint";
            case 406 -> "responses are application/scim+json";
            case 413 -> "the request body is larger than 1 MiB";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 415 -> "send application/scim+json or application/json";
            default -> e.getMessage() == null ? "HTTP " + status : e.getMessage();
        };
    }
}
