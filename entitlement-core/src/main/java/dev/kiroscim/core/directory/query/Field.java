package dev.kiroscim.core.directory.query;

/**
 * Something a directory query can compare: a dedicated, indexed column of the resource, an indexed attribute
 * value (any other single- or multi-valued attribute, e.g. {@code emails.value}, {@code name.familyName}), or
 * the membership relation (Group {@code members.value}, User {@code groups.value}).
 *
 * <p>Fields are resolved from protocol attribute names at the edge; the storage adapter only has to know how
 * to reach each kind.
 */
public sealed interface Field {

    /** How values of the field compare. */
    ValueKind kind();

    /** Whether string comparisons are case-sensitive (SCIM {@code caseExact}). */
    boolean caseExact();

    /** A column of the resource row. */
    record Column(ResourceColumn column, ValueKind kind, boolean caseExact) implements Field {}

    /**
     * An attribute stored in the attribute index, by canonical lower-case path such as {@code emails.value} or
     * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber}.
     */
    record Indexed(String path, ValueKind kind, boolean caseExact) implements Field {}

    /**
     * A column of the resource on the other side of a membership, e.g. User {@code groups.display}: the display
     * name of a group the user is in. Only valid inside {@link Criteria.Membership}.
     */
    record Related(ResourceColumn column, ValueKind kind, boolean caseExact) implements Field {}

    /** The id of the other side of a membership: a group's member ids, or a user's group ids. */
    record Membership() implements Field {
        @Override
        public ValueKind kind() {
            return ValueKind.STRING;
        }

        @Override
        public boolean caseExact() {
            return true;
        }
    }
}
