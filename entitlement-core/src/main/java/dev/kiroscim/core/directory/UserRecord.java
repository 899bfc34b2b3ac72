package dev.kiroscim.core.directory;

import java.time.Instant;

/**
 * A user as the IdP provisioned it. The indexed columns ({@code userName}, {@code externalId},
 * {@code displayName}, {@code active}) are copies of values in {@code document}, the canonical SCIM JSON of the
 * user's other attributes (kept opaque here; the SCIM edge owns its shape).
 *
 * @param version increases by one with every change; it is the SCIM {@code meta.version} / ETag
 */
public record UserRecord(
        String id,
        String userName,
        String externalId,
        String displayName,
        boolean active,
        String document,
        long version,
        Instant created,
        Instant lastModified) {}
