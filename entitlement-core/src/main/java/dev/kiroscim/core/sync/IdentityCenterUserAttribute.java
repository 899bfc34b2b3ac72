package dev.kiroscim.core.sync;

/**
 * The user attributes the sync writes, with their UpdateUser {@code AttributePath}.
 *
 * <p>Example: a changed family name becomes {@code {"AttributePath": "name.familyName", "AttributeValue": "Jensen"}}.
 * The email is multi-valued in the service and must be replaced as a whole list under {@code emails}
 * (a path like {@code emails[0].value} is rejected).
 */
public enum IdentityCenterUserAttribute {
    USER_NAME("userName"),
    DISPLAY_NAME("displayName"),
    GIVEN_NAME("name.givenName"),
    FAMILY_NAME("name.familyName"),
    EMAIL("emails");

    private final String attributePath;

    IdentityCenterUserAttribute(String attributePath) {
        this.attributePath = attributePath;
    }

    public String attributePath() {
        return attributePath;
    }
}
