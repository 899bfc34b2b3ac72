package dev.kiroscim.server.scim.provisioning;

import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.render.ETags;

/**
 * {@code If-Match} on writes (RFC 7644 §3.14, RFC 7232 §3.1): a client that read version 3 and sends
 * {@code If-Match: W/"3"} gets 412 Precondition Failed if someone changed the resource meanwhile, instead of
 * silently overwriting their change. SCIMple 1.0.0-M1 read the wrong header and ignored it (SCIMPLE #534).
 */
final class Preconditions {

    private Preconditions() {}

    static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch != null && !ifMatch.isBlank() && !ETags.matches(ifMatch, currentVersion)) {
            throw new ScimException(
                    412,
                    null,
                    "If-Match " + ifMatch + " does not match the current version " + ETags.of(currentVersion)
                            + "; read the resource again and retry");
        }
    }
}
