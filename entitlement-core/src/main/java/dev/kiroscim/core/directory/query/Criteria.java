package dev.kiroscim.core.directory.query;

/**
 * A storage-neutral selection of directory resources: the resolved form of a SCIM filter. Attribute names are
 * already resolved to {@link Field}s and literal values already converted ({@code String}, {@code Boolean},
 * {@link java.time.Instant}, {@link java.math.BigDecimal}), so an adapter translates it to its query language
 * (SQL) without knowing SCIM.
 */
public sealed interface Criteria {

    record All() implements Criteria {}

    record And(Criteria left, Criteria right) implements Criteria {}

    record Or(Criteria left, Criteria right) implements Criteria {}

    record Not(Criteria inner) implements Criteria {}

    /** {@code field op value}; value is null only for {@code eq null}/{@code ne null}. */
    record Compare(Field field, Operator op, Object value) implements Criteria {}

    /** {@code field pr}: the field has a non-empty value. */
    record Present(Field field) implements Criteria {}

    /**
     * A condition on one element of a multi-valued complex attribute, e.g. {@code emails[type eq "work" and
     * value co "@x"]}: there is one email element satisfying the inner criteria. Fields inside are
     * {@link Field.Indexed} sub-attribute paths of {@code attributePath} ({@code emails.type}, {@code emails.value}).
     */
    record Element(String attributePath, Criteria inner) implements Criteria {}

    /**
     * A condition on one membership of the resource, e.g. User {@code groups[display eq "Admins"]} or
     * {@code groups.display co "Kiro"}: the resource has a membership whose other side satisfies the inner
     * criteria. Fields inside are {@link Field.Membership} (the other side's id) and {@link Field.Related}
     * (the other side's columns).
     */
    record Membership(Criteria inner) implements Criteria {}
}
