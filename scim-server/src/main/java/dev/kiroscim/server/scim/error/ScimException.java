package dev.kiroscim.server.scim.error;

/**
 * A SCIM protocol error that becomes an RFC 7644 §3.12 error response, e.g.
 * <pre>{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidPath","detail":"…"}</pre>
 * Thrown anywhere below the HTTP edge; the edge maps it to {@code application/scim+json}.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final ScimType scimType;

    public ScimException(int status, ScimType scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    /** May be null: 401, 404, 412 and 5xx carry no scimType. */
    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    public static ScimException badRequest(ScimType type, String detail) {
        return new ScimException(400, type, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException conflict(String detail) {
        return new ScimException(409, ScimType.UNIQUENESS, detail);
    }
}
