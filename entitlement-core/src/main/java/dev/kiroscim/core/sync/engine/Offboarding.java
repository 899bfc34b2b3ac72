package dev.kiroscim.core.sync.engine;

import java.util.Locale;

/**
 * {@code identityCenter.offboarding}: what happens in the Identity Store when a SCIM user is deactivated
 * ({@code active: false}). Their tier memberships are removed at once in both cases.
 * <ul>
 *   <li>{@link #REMOVE_MEMBERSHIP} ({@code remove-membership}, the default): the Identity Store user stays, so a
 *       reactivation restores the seat on the same {@code UserId} (and the same Kiro history).</li>
 *   <li>{@link #DELETE_USER} ({@code delete-user}): a user we created is also deleted, which cancels any Kiro
 *       subscription at once. A reactivation creates a new Identity Store user. Adopted users are never deleted.</li>
 * </ul>
 * A SCIM DELETE always deletes the Identity Store user we created, whatever this says.
 */
public enum Offboarding {
    REMOVE_MEMBERSHIP("remove-membership"),
    DELETE_USER("delete-user");

    private final String configValue;

    Offboarding(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** Parses {@code remove-membership} or {@code delete-user} (case-insensitive). */
    public static Offboarding parse(String text) {
        for (Offboarding o : values()) {
            if (o.configValue.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("offboarding must be remove-membership or delete-user, not '" + text + "'");
    }
}
