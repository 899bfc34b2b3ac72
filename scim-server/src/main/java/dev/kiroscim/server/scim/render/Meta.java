package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The {@code meta} attribute (RFC 7643 §3.1), filled by the server on every resource. */
final class Meta {

    private Meta() {}

    static void put(
            ObjectNode resource,
            String resourceType,
            Instant created,
            Instant lastModified,
            String location,
            long version) {
        resource.putObject("meta")
                .put("resourceType", resourceType)
                .put("created", created.toString())
                .put("lastModified", lastModified.toString())
                .put("location", location)
                .put("version", ETags.of(version));
    }
}
