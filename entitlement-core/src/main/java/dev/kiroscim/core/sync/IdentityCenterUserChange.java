package dev.kiroscim.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One attribute to set in an UpdateUser call.
 *
 * <p>{@code newValue == null} removes the attribute; only {@link IdentityCenterUserAttribute#EMAIL} may be removed, the others
 * are required by IAM Identity Center. Build the list with {@link #between(IdentityCenterUserProfile, IdentityCenterUserProfile)}:
 * <pre>{@code
 * between(new IdentityCenterUserProfile("bjensen", "Babs", "Barbara", "Jensen", "b@example.com"),
 *         new IdentityCenterUserProfile("bjensen", "Babs", "Barbara", "Jensen-Smith", null))
 *   -> [FAMILY_NAME="Jensen-Smith", EMAIL=null]
 * }</pre>
 *
 * @param attribute what to change
 * @param newValue  the new value, or {@code null} to remove the email
 */
public record IdentityCenterUserChange(IdentityCenterUserAttribute attribute, String newValue) {

    public IdentityCenterUserChange {
        Objects.requireNonNull(attribute, "attribute");
        if (newValue == null && attribute != IdentityCenterUserAttribute.EMAIL) {
            throw new IllegalArgumentException(attribute + " is required and cannot be removed");
        }
    }

    /** The changes that turn {@code current} into {@code desired}; empty when they are equal. */
    public static List<IdentityCenterUserChange> between(
            IdentityCenterUserProfile current, IdentityCenterUserProfile desired) {
        List<IdentityCenterUserChange> changes = new ArrayList<>();
        addIfDifferent(
                changes, IdentityCenterUserAttribute.USER_NAME, IdentityCenterUserProfile::userName, current, desired);
        addIfDifferent(
                changes,
                IdentityCenterUserAttribute.DISPLAY_NAME,
                IdentityCenterUserProfile::displayName,
                current,
                desired);
        addIfDifferent(
                changes,
                IdentityCenterUserAttribute.GIVEN_NAME,
                IdentityCenterUserProfile::givenName,
                current,
                desired);
        addIfDifferent(
                changes,
                IdentityCenterUserAttribute.FAMILY_NAME,
                IdentityCenterUserProfile::familyName,
                current,
                desired);
        addIfDifferent(changes, IdentityCenterUserAttribute.EMAIL, IdentityCenterUserProfile::email, current, desired);
        return List.copyOf(changes);
    }

    private static void addIfDifferent(
            List<IdentityCenterUserChange> changes,
            IdentityCenterUserAttribute attribute,
            Function<IdentityCenterUserProfile, String> getter,
            IdentityCenterUserProfile current,
            IdentityCenterUserProfile desired) {
        String wanted = getter.apply(desired);
        if (!Objects.equals(getter.apply(current), wanted)) {
            changes.add(new IdentityCenterUserChange(attribute, wanted));
        }
    }
}
