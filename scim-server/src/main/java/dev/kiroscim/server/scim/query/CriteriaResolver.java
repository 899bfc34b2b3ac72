package dev.kiroscim.server.scim.query;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.Operator;
import dev.kiroscim.core.directory.query.ValueKind;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.AttributePath;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ResolvedPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns a parsed SCIM filter into storage {@link Criteria}: resolves each attribute name against the schema
 * (case-insensitively, RFC 7643 §2.1), picks its storage field, and converts each literal to the attribute's type.
 * Anything that cannot be evaluated exactly — an unknown attribute, {@code gt} on a boolean, a date that is not a
 * date — is a 400 {@code invalidFilter} rather than a silently wrong answer.
 *
 * <p>Values are coerced to the attribute's type, which is where Entra's string booleans are accepted
 * ({@code roles[primary eq "True"]}, docs/idp-quirks.md §I4), and where dateTime literals become instants so that
 * {@code meta.lastModified gt "2026-01-01T00:00:00+01:00"} compares times, not text.
 */
public final class CriteriaResolver {

    private final FieldCatalog catalog;

    public CriteriaResolver(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    public Criteria resolve(Filter filter) {
        if (filter instanceof Filter.And and) {
            return new Criteria.And(resolve(and.left()), resolve(and.right()));
        } else if (filter instanceof Filter.Or or) {
            return new Criteria.Or(resolve(or.left()), resolve(or.right()));
        } else if (filter instanceof Filter.Not not) {
            return new Criteria.Not(resolve(not.inner()));
        } else if (filter instanceof Filter.Present present) {
            Field field = field(present.path());
            return field instanceof Field.Related
                    ? new Criteria.Membership(new Criteria.Present(field))
                    : new Criteria.Present(field);
        } else if (filter instanceof Filter.Compare compare) {
            Field field = field(compare.path());
            if (field instanceof Field.Related) {
                // groups.display ne "X": no group of the user is named X (as ne on other multi-valued attributes).
                if (compare.op() == CompareOp.NE) {
                    Filter.Compare eq = new Filter.Compare(compare.path(), CompareOp.EQ, compare.value());
                    return new Criteria.Not(new Criteria.Membership(compare(field, eq)));
                }
                return new Criteria.Membership(compare(field, compare));
            }
            return compare(field, compare);
        }
        return valuePath((Filter.ValuePath) filter);
    }

    private Criteria valuePath(Filter.ValuePath vp) {
        ResolvedPath attr = resolvePath(vp.attribute());
        AttributeDef def = attr.attribute();
        if (!def.isComplex() || !def.multiValued()) {
            throw invalid("'" + vp.attribute() + "' is not a multi-valued complex attribute; [..] filters need one");
        }
        Field wholeAttribute = catalog.field(
                        new ResolvedPath(attr.schema(), def, def.sub("value").orElse(null)))
                .orElseThrow(() -> invalid("'" + vp.attribute() + "' cannot be filtered on"));
        if (wholeAttribute instanceof Field.Membership) {
            // members[value eq "x"], groups[display eq "X"]: one membership, not an element of the attribute index.
            return new Criteria.Membership(inner(vp.inner(), attr));
        }
        return new Criteria.Element(IndexPaths.of(def, null), inner(vp.inner(), attr));
    }

    private Criteria inner(Filter inner, ResolvedPath parent) {
        if (inner instanceof Filter.And and) {
            return new Criteria.And(inner(and.left(), parent), inner(and.right(), parent));
        } else if (inner instanceof Filter.Or or) {
            return new Criteria.Or(inner(or.left(), parent), inner(or.right(), parent));
        } else if (inner instanceof Filter.Not not) {
            return new Criteria.Not(inner(not.inner(), parent));
        } else if (inner instanceof Filter.Present present) {
            return new Criteria.Present(subField(present.path(), parent));
        } else if (inner instanceof Filter.Compare compare) {
            return compare(subField(compare.path(), parent), compare);
        }
        throw invalid("value paths cannot be nested");
    }

    private Field subField(AttributePath path, ResolvedPath parent) {
        String subName = path.subAttribute() != null ? path.subAttribute() : path.attribute();
        AttributeDef sub = parent.attribute()
                .sub(subName)
                .orElseThrow(
                        () -> invalid("'" + parent.attribute().name() + "' has no sub-attribute '" + subName + "'"));
        return catalog.field(new ResolvedPath(parent.schema(), parent.attribute(), sub))
                .orElseThrow(
                        () -> invalid("'" + parent.attribute().name() + "." + sub.name() + "' cannot be filtered on"));
    }

    private Field field(AttributePath path) {
        ResolvedPath resolved = resolvePath(path);
        AttributeDef attr = resolved.attribute();
        if (resolved.subAttribute() == null && attr.isComplex() && attr.multiValued()) {
            // RFC 7644 §3.4.2.2: "emails co x" compares the attribute's "value" sub-attribute.
            resolved = new ResolvedPath(
                    resolved.schema(),
                    attr,
                    attr.sub("value").orElseThrow(() -> invalid("'" + path + "' is complex; name a sub-attribute")));
        }
        ResolvedPath finalPath = resolved;
        return catalog.field(resolved)
                .orElseThrow(() -> invalid("'" + finalPath.canonical(catalog.type()) + "' cannot be filtered on"));
    }

    private ResolvedPath resolvePath(AttributePath path) {
        return catalog.type()
                .resolve(path.schemaUrn(), path.attribute(), path.subAttribute())
                .orElseThrow(() -> invalid("unknown attribute '" + path + "'"));
    }

    private Criteria compare(Field field, Filter.Compare compare) {
        Operator op = Operator.valueOf(compare.op().name());
        FilterValue literal = compare.value();
        if (literal instanceof FilterValue.Null) {
            if (op != Operator.EQ && op != Operator.NE) {
                throw invalid("'" + compare.op().keyword() + " null' is not a comparison");
            }
            return new Criteria.Compare(field, op, null);
        }
        if (field.kind() == ValueKind.BOOLEAN && op != Operator.EQ && op != Operator.NE) {
            throw invalid("booleans support only eq and ne (" + compare + ")");
        }
        if (field.kind() != ValueKind.STRING && op.isSubstring()) {
            throw invalid("'" + compare.op().keyword() + "' works on strings only (" + compare + ")");
        }
        return new Criteria.Compare(field, op, convert(field.kind(), literal, compare));
    }

    private static Object convert(ValueKind kind, FilterValue literal, Filter.Compare context) {
        String text = literal instanceof FilterValue.Str s
                ? s.value()
                : literal instanceof FilterValue.Bool b
                        ? Boolean.toString(b.value())
                        : ((FilterValue.Num) literal).value().toPlainString();
        switch (kind) {
            case BOOLEAN:
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
                }
                throw invalid("expected true or false in " + context);
            case INSTANT:
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        return Instant.parse(text);
                    } catch (DateTimeParseException e2) {
                        throw invalid("expected an RFC 3339 date-time such as 2026-10-01T00:00:00Z in " + context);
                    }
                }
            case NUMBER:
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw invalid("expected a number in " + context);
                }
            default:
                return text;
        }
    }

    private static ScimException invalid(String detail) {
        return ScimException.badRequest(ScimType.INVALID_FILTER, detail);
    }
}
