package dev.kiroscim.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One attribute to set in an UpdateUser call.
 *
 * <p>{@code newValue == null} removes the attribute; only {@link IdcUserAttribute#EMAIL} may be removed, the others
 * are required by IAM Identity Center. Build the list with {@link #between(IdcUserProfile, IdcUserProfile)}:
 * <pre>{@code
 * between(new IdcUserProfile("bjensen", "Babs", "Barbara", "Jensen", "b@example.com"),
 *         new IdcUserProfile("bjensen", "Babs", "Barbara", "Jensen-Smith", null))
 *   -> [FAMILY_NAME="Jensen-Smith", EMAIL=null]
 * }</pre>
 *
 * @param attribute what to change
 * @param newValue  the new value, or {@code null} to remove the email
 */
public record IdcUserChange(IdcUserAttribute attribute, String newValue) {

    public IdcUserChange {
        Objects.requireNonNull(attribute, "attribute");
        if (newValue == null && attribute != IdcUserAttribute.EMAIL) {
            throw new IllegalArgumentException(attribute + " is required and cannot be removed");
        }
    }

    /** The changes that turn {@code current} into {@code desired}; empty when they are equal. */
    public static List<IdcUserChange> between(IdcUserProfile current, IdcUserProfile desired) {
        List<IdcUserChange> changes = new ArrayList<>();
        addIfDifferent(changes, IdcUserAttribute.USER_NAME, IdcUserProfile::userName, current, desired);
        addIfDifferent(changes, IdcUserAttribute.DISPLAY_NAME, IdcUserProfile::displayName, current, desired);
        addIfDifferent(changes, IdcUserAttribute.GIVEN_NAME, IdcUserProfile::givenName, current, desired);
        addIfDifferent(changes, IdcUserAttribute.FAMILY_NAME, IdcUserProfile::familyName, current, desired);
        addIfDifferent(changes, IdcUserAttribute.EMAIL, IdcUserProfile::email, current, desired);
        return List.copyOf(changes);
    }

    private static void addIfDifferent(List<IdcUserChange> changes, IdcUserAttribute attribute,
                                       Function<IdcUserProfile, String> getter,
                                       IdcUserProfile current, IdcUserProfile desired) {
        String wanted = getter.apply(desired);
        if (!Objects.equals(getter.apply(current), wanted)) {
            changes.add(new IdcUserChange(attribute, wanted));
        }
    }
}
