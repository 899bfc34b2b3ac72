package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.schema.AttributeDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * Evaluates the filter of a PATCH value path ({@code emails[type eq "work"]}) against one element of a
 * multi-valued attribute, in memory. Elements are small objects of a single user, never a member list.
 *
 * <p>Paths inside the brackets are sub-attribute names of the attribute. String comparisons ignore case unless
 * the sub-attribute is caseExact (RFC 7644 §3.4.2.2). A boolean sub-attribute compares with {@code true}/{@code false}
 * only (Entra's {@code roles[primary eq "True"]} is rewritten by the quirks normaliser before). A missing value
 * matches only {@code ne} and {@code eq null}.
 */
final class ElementFilterMatcher {

    boolean matches(Filter filter, JsonNode element, AttributeDef attribute) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), element, attribute) && matches(and.right(), element, attribute);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), element, attribute) || matches(or.right(), element, attribute);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.inner(), element, attribute);
        }
        if (filter instanceof Filter.Present present) {
            JsonNode v = element.get(
                    sub(attribute, present.path().attribute(), present.path().subAttribute())
                            .name());
            return v != null && !v.isNull();
        }
        if (filter instanceof Filter.Compare cmp) {
            return compare(
                    cmp,
                    element,
                    sub(attribute, cmp.path().attribute(), cmp.path().subAttribute()));
        }
        throw invalidPath("a value filter cannot contain another value path: " + filter);
    }

    private static AttributeDef sub(AttributeDef attribute, String name, String nested) {
        if (nested != null || name == null) {
            throw invalidPath("filter paths inside " + attribute.name() + "[...] must be plain sub-attribute names");
        }
        return attribute
                .sub(name)
                .orElseThrow(() -> invalidPath(attribute.name() + " has no sub-attribute '" + name + "'"));
    }

    private static boolean compare(Filter.Compare cmp, JsonNode element, AttributeDef sub) {
        JsonNode actual = element.get(sub.name());
        boolean missing = actual == null || actual.isNull();
        if (cmp.value() instanceof FilterValue.Null) {
            return switch (cmp.op()) {
                case EQ -> missing;
                case NE -> !missing;
                default -> throw invalidFilter("only eq and ne can compare with null");
            };
        }
        if (missing) {
            return cmp.op() == CompareOp.NE;
        }
        int order = switch (sub.type()) {
            case BOOLEAN -> {
                if (cmp.op() != CompareOp.EQ && cmp.op() != CompareOp.NE) {
                    throw invalidFilter(sub.name() + " is a boolean; only eq and ne apply");
                }
                yield Boolean.compare(actual.asBoolean(), expectedBoolean(cmp.value(), sub));
            }
            case INTEGER, DECIMAL -> actual.decimalValue().compareTo(expectedNumber(cmp.value(), sub));
            case DATE_TIME -> Instant.parse(actual.asText()).compareTo(expectedInstant(cmp.value(), sub));
            default -> {
                String a = sub.caseExact() ? actual.asText() : actual.asText().toLowerCase(Locale.ROOT);
                String e =
                        sub.caseExact() ? text(cmp.value()) : text(cmp.value()).toLowerCase(Locale.ROOT);
                yield switch (cmp.op()) {
                    case CO -> a.contains(e) ? 0 : 1;
                    case SW -> a.startsWith(e) ? 0 : 1;
                    case EW -> a.endsWith(e) ? 0 : 1;
                    default -> a.compareTo(e);
                };
            }
        };
        return switch (cmp.op()) {
            case EQ, CO, SW, EW -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
        };
    }

    private static boolean expectedBoolean(FilterValue value, AttributeDef sub) {
        if (value instanceof FilterValue.Bool b) {
            return b.value();
        }
        throw invalidFilter(sub.name() + " is a boolean; got " + value);
    }

    private static BigDecimal expectedNumber(FilterValue value, AttributeDef sub) {
        if (value instanceof FilterValue.Num n) {
            return n.value();
        }
        throw invalidFilter(sub.name() + " is a number; got " + value);
    }

    private static Instant expectedInstant(FilterValue value, AttributeDef sub) {
        try {
            return Instant.parse(text(value));
        } catch (RuntimeException e) {
            throw invalidFilter(sub.name() + " is a dateTime; got " + value);
        }
    }

    private static String text(FilterValue value) {
        if (value instanceof FilterValue.Str s) {
            return s.value();
        }
        if (value instanceof FilterValue.Bool b) {
            return Boolean.toString(b.value());
        }
        if (value instanceof FilterValue.Num n) {
            return n.value().toPlainString();
        }
        return "null";
    }

    private static ScimException invalidPath(String detail) {
        return new ScimException(400, ScimType.INVALID_PATH, detail);
    }

    private static ScimException invalidFilter(String detail) {
        return new ScimException(400, ScimType.INVALID_FILTER, detail);
    }
}
