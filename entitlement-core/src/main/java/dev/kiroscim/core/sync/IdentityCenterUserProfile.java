package dev.kiroscim.core.sync;

import java.util.Objects;

/**
 * The attributes we write to an Identity Store user: exactly what IAM Identity Center needs, nothing more.
 *
 * <p>IAM Identity Center requires {@code UserName}, {@code DisplayName}, {@code Name.GivenName} and
 * {@code Name.FamilyName} (its SCIM CreateUser and the Terraform provider both mark them required), but Okta and
 * Entra may send a user without a given or family name. Those become {@link #NAME_PLACEHOLDER}; a missing display
 * name becomes the userName. The email is optional (at most one, the service allows a single value).
 *
 * <pre>{@code
 * new IdentityCenterUserProfile("bjensen@example.com", null, "Barbara", null, "bjensen@example.com")
 *   -> displayName "bjensen@example.com", givenName "Barbara", familyName "-"
 * }</pre>
 *
 * @param userName    the IdP userName; unique in the store, 1-128 characters, no whitespace
 * @param displayName shown in the AWS access portal and the Kiro console
 * @param givenName   first name, or the placeholder
 * @param familyName  last name, or the placeholder
 * @param email       the one email address, or {@code null} for none
 */
public record IdentityCenterUserProfile(
        String userName, String displayName, String givenName, String familyName, String email) {

    /**
     * Written for {@code Name.GivenName} / {@code Name.FamilyName} when the IdP sent none, because IAM Identity
     * Center rejects a user without both. A single hyphen is short, valid in every locale, and visibly "not set"
     * in the console. Example: Entra sends {@code {"userName":"svc-build","displayName":"Build bot"}} with no
     * {@code name}; the Identity Store user gets {@code Name = {GivenName: "-", FamilyName: "-"}}.
     */
    public static final String NAME_PLACEHOLDER = "-";

    public IdentityCenterUserProfile {
        Objects.requireNonNull(userName, "userName");
        if (userName.isBlank()) {
            throw new IllegalArgumentException("userName must not be blank");
        }
        displayName = isBlank(displayName) ? userName : displayName;
        givenName = isBlank(givenName) ? NAME_PLACEHOLDER : givenName;
        familyName = isBlank(familyName) ? NAME_PLACEHOLDER : familyName;
        email = isBlank(email) ? null : email;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
