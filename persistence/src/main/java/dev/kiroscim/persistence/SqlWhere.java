package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.InstantText;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.Operator;
import dev.kiroscim.core.directory.query.ResourceColumn;
import dev.kiroscim.core.directory.query.SortKey;
import dev.kiroscim.core.directory.query.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Translates {@link Criteria} into a SQL condition over one resource table, so that the database evaluates every
 * filter: columns for the attributes IdPs filter by, the {@code scim_user_attr} index for the rest, and the
 * membership relation for {@code members.value}/{@code groups.value}. Parameters are bound positionally
 * ({@code ?1}, {@code ?2}…); no value is ever spliced into the SQL text.
 *
 * <p>Positive attribute conditions become {@code id IN (SELECT …)} semi-joins, which both H2 and PostgreSQL
 * drive from the {@code (path, val_ci)} index instead of scanning the resource table.
 */
final class SqlWhere {

    private final ResourceTable table;
    private final List<Object> params;

    SqlWhere(ResourceTable table, List<Object> params) {
        this.table = table;
        this.params = params;
    }

    String condition(Criteria criteria) {
        if (criteria instanceof Criteria.And and) {
            return "(" + condition(and.left()) + " and " + condition(and.right()) + ")";
        } else if (criteria instanceof Criteria.Or or) {
            return "(" + condition(or.left()) + " or " + condition(or.right()) + ")";
        } else if (criteria instanceof Criteria.Not not) {
            return "(not " + condition(not.inner()) + ")";
        } else if (criteria instanceof Criteria.Present present) {
            return present(present.field());
        } else if (criteria instanceof Criteria.Compare compare) {
            return compare(compare);
        } else if (criteria instanceof Criteria.Element element) {
            return element(element);
        } else if (criteria instanceof Criteria.Membership membership) {
            return membershipElement(membership);
        }
        return "1=1";
    }

    /** ORDER BY clause; always ends with the id so that paging is stable. */
    String orderBy(SortKey sort) {
        String id = table.alias() + ".id";
        if (sort == null) {
            return " order by " + id;
        }
        String dir = sort.descending() ? " desc" : " asc";
        String key;
        if (sort.field() instanceof Field.Column c) {
            key = column(c);
        } else if (sort.field() instanceof Field.Indexed i) {
            key = "(select min(" + valueColumn("s", i) + ") from scim_user_attr s where s.user_id = " + id
                    + " and s.path = " + bind(i.path()) + ")";
        } else {
            throw new IllegalArgumentException("cannot sort by membership");
        }
        return " order by " + key + dir + ", " + id + dir;
    }

    private String compare(Criteria.Compare c) {
        if (c.field() instanceof Field.Column col) {
            return columnCompare(column(col), col.kind(), col.caseExact(), c.op(), c.value());
        } else if (c.field() instanceof Field.Indexed idx) {
            return c.op() == Operator.NE
                    ? "(not " + indexed(idx, Operator.EQ, c.value()) + ")"
                    : indexed(idx, c.op(), c.value());
        }
        return membership(c.op(), c.value());
    }

    private String present(Field field) {
        if (field instanceof Field.Column col) {
            return presentColumn(column(col), col.kind());
        } else if (field instanceof Field.Indexed idx) {
            return table.alias() + ".id in (select a.user_id from scim_user_attr a where a.path = " + bind(idx.path())
                    + " and a.val is not null and a.val <> '')";
        }
        return table.alias() + ".id in (select m." + table.ownSideOfMembership() + " from scim_membership m)";
    }

    private static String presentColumn(String column, ValueKind kind) {
        return kind == ValueKind.STRING
                ? "(" + column + " is not null and " + column + " <> '')"
                : column + " is not null";
    }

    private String indexed(Field.Indexed idx, Operator op, Object value) {
        return table.alias() + ".id in (select a.user_id from scim_user_attr a where a.path = " + bind(idx.path())
                + " and " + valueCompare("a", idx, op, value) + ")";
    }

    /**
     * {@code emails[type eq "work" and value co "x"]}: some element row {@code e} of the attribute satisfies the
     * inner condition, each of whose comparisons must hold for a sub-attribute row of that same element.
     */
    private String element(Criteria.Element element) {
        return table.alias() + ".id in (select e.user_id from scim_user_attr e where e.path = "
                + bind(element.attributePath()) + " and e.elem >= 0 and " + elementCondition(element.inner()) + ")";
    }

    private String elementCondition(Criteria inner) {
        if (inner instanceof Criteria.And and) {
            return "(" + elementCondition(and.left()) + " and " + elementCondition(and.right()) + ")";
        } else if (inner instanceof Criteria.Or or) {
            return "(" + elementCondition(or.left()) + " or " + elementCondition(or.right()) + ")";
        } else if (inner instanceof Criteria.Not not) {
            return "(not " + elementCondition(not.inner()) + ")";
        } else if (inner instanceof Criteria.Present p) {
            return elementExists(indexedField(p.field()), "s.val is not null and s.val <> ''");
        } else if (inner instanceof Criteria.Compare c) {
            Field.Indexed f = indexedField(c.field());
            return c.op() == Operator.NE
                    ? "(not " + elementExists(f, valueCompare("s", f, Operator.EQ, c.value())) + ")"
                    : elementExists(f, valueCompare("s", f, c.op(), c.value()));
        } else if (inner instanceof Criteria.Element) {
            throw new IllegalArgumentException("value paths cannot nest");
        }
        return "1=1";
    }

    private String elementExists(Field.Indexed f, String condition) {
        return "exists (select 1 from scim_user_attr s where s.user_id = e.user_id and s.elem = e.elem and s.path = "
                + bind(f.path()) + " and " + condition + ")";
    }

    private static Field.Indexed indexedField(Field f) {
        if (f instanceof Field.Indexed i) {
            return i;
        }
        throw new IllegalArgumentException("inside a value path only sub-attributes can be compared: " + f);
    }

    /**
     * {@code groups[display eq "X"]}, {@code groups.display co "Kiro"}: some membership row {@code m}, joined to the
     * resource {@code o} on its other side, satisfies the inner condition.
     */
    private String membershipElement(Criteria.Membership membership) {
        ResourceTable other = table.other();
        return table.alias() + ".id in (select m." + table.ownSideOfMembership() + " from scim_membership m join "
                + other.tableName() + " o on o.id = m." + table.otherSideOfMembership() + " where "
                + membershipCondition(membership.inner()) + ")";
    }

    private String membershipCondition(Criteria inner) {
        if (inner instanceof Criteria.And and) {
            return "(" + membershipCondition(and.left()) + " and " + membershipCondition(and.right()) + ")";
        } else if (inner instanceof Criteria.Or or) {
            return "(" + membershipCondition(or.left()) + " or " + membershipCondition(or.right()) + ")";
        } else if (inner instanceof Criteria.Not not) {
            return "(not " + membershipCondition(not.inner()) + ")";
        } else if (inner instanceof Criteria.Present p) {
            return p.field() instanceof Field.Related r
                    ? presentColumn("o." + table.other().column(r.column(), r.caseExact()), r.kind())
                    : "1=1";
        } else if (inner instanceof Criteria.Compare c) {
            if (c.field() instanceof Field.Related r) {
                return columnCompare(
                        "o." + table.other().column(r.column(), r.caseExact()),
                        r.kind(),
                        r.caseExact(),
                        c.op(),
                        c.value());
            } else if (c.field() instanceof Field.Membership) {
                return columnCompare("m." + table.otherSideOfMembership(), ValueKind.STRING, true, c.op(), c.value());
            }
        }
        throw new IllegalArgumentException(
                "inside a membership condition only the other side can be compared: " + inner);
    }

    private String membership(Operator op, Object value) {
        String own = table.ownSideOfMembership();
        String other = table.otherSideOfMembership();
        String inner = table.alias() + ".id in (select m." + own + " from scim_membership m where "
                + textCompare(
                        "m." + other, op == Operator.NE ? Operator.EQ : op, value == null ? null : value.toString())
                + ")";
        return op == Operator.NE ? "(not " + inner + ")" : inner;
    }

    private String columnCompare(String column, ValueKind kind, boolean caseExact, Operator op, Object value) {
        if (value == null) {
            return switch (op) {
                case EQ -> column + " is null";
                case NE -> column + " is not null";
                default -> throw new IllegalArgumentException(op + " null is not a comparison");
            };
        }
        Object bound = switch (kind) {
            case INSTANT -> ((Instant) value).toEpochMilli();
            case STRING -> caseExact ? value.toString() : value.toString().toLowerCase(Locale.ROOT);
            default -> value;
        };
        if (op == Operator.NE) {
            return "(" + column + " is null or " + column + " <> " + bind(bound) + ")";
        }
        if (kind == ValueKind.STRING) {
            return textCompare(column, op, (String) bound);
        }
        return column + " " + sqlOperator(op) + " " + bind(bound);
    }

    private String valueCompare(String alias, Field.Indexed f, Operator op, Object value) {
        String column = valueColumn(alias, f);
        if (value == null) {
            return op == Operator.EQ ? column + " is null" : column + " is not null";
        }
        String text = value instanceof Instant instant
                ? InstantText.format(instant)
                : value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        if (!f.caseExact() && f.kind() == ValueKind.STRING) {
            text = text.toLowerCase(Locale.ROOT);
        }
        return textCompare(column, op, text);
    }

    private static String valueColumn(String alias, Field.Indexed f) {
        return alias + (f.caseExact() || f.kind() != ValueKind.STRING ? ".val" : ".val_ci");
    }

    private String textCompare(String column, Operator op, String text) {
        return switch (op) {
            case CO -> column + " like " + bind("%" + escapeLike(text) + "%") + " escape '\\'";
            case SW -> column + " like " + bind(escapeLike(text) + "%") + " escape '\\'";
            case EW -> column + " like " + bind("%" + escapeLike(text)) + " escape '\\'";
            default -> column + " " + sqlOperator(op) + " " + bind(text);
        };
    }

    private static String sqlOperator(Operator op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalArgumentException(op + " is not an ordering operator");
        };
    }

    private String column(Field.Column c) {
        return table.alias() + "." + table.column(c.column(), c.caseExact());
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String bind(Object value) {
        params.add(value);
        return "?" + params.size();
    }

    /** Which table a search runs on, and how its columns and memberships are named. */
    enum ResourceTable {
        USERS("u", "scim_user", "user_id", "group_id"),
        GROUPS("g", "scim_group", "group_id", "user_id");

        private final String alias;
        private final String tableName;
        private final String ownSide;
        private final String otherSide;

        ResourceTable(String alias, String tableName, String ownSide, String otherSide) {
            this.alias = alias;
            this.tableName = tableName;
            this.ownSide = ownSide;
            this.otherSide = otherSide;
        }

        String alias() {
            return alias;
        }

        String tableName() {
            return tableName;
        }

        /** The resources on the other side of the membership relation. */
        ResourceTable other() {
            return this == USERS ? GROUPS : USERS;
        }

        String ownSideOfMembership() {
            return ownSide;
        }

        String otherSideOfMembership() {
            return otherSide;
        }

        String column(ResourceColumn column, boolean caseExact) {
            return switch (column) {
                case ID -> "id";
                case USER_NAME -> requireUsers(caseExact ? "user_name" : "user_name_ci");
                case EXTERNAL_ID -> "external_id";
                case DISPLAY_NAME -> caseExact ? "display_name" : "display_name_ci";
                case ACTIVE -> requireUsers("active");
                case CREATED -> "created_at";
                case LAST_MODIFIED -> "modified_at";
            };
        }

        private String requireUsers(String column) {
            if (this != USERS) {
                throw new IllegalArgumentException(column + " is a user column");
            }
            return column;
        }
    }
}
