package dev.kiroscim.core.sync;

import java.util.Objects;

/**
 * A user as the Identity Store holds it, as read back by {@link IdentityCenterDirectory#userPages()}.
 *
 * @param id          the Identity Store {@code UserId} (a UUID, or {@code <10 hex>-<UUID>} in migrated stores)
 * @param userName    unique userName
 * @param displayName display name, may be {@code null} for users created outside IAM Identity Center's rules
 * @param givenName   {@code Name.GivenName}, may be {@code null}
 * @param familyName  {@code Name.FamilyName}, may be {@code null}
 * @param email       the primary (or only) email, or {@code null}
 */
public record IdentityCenterUser(
        String id, String userName, String displayName, String givenName, String familyName, String email) {

    public IdentityCenterUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userName, "userName");
    }

    /** The writable part, for comparing with the desired profile. */
    public IdentityCenterUserProfile profile() {
        return new IdentityCenterUserProfile(userName, displayName, givenName, familyName, email);
    }
}
