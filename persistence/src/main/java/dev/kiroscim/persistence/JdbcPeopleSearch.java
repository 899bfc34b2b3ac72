package dev.kiroscim.persistence;

import dev.kiroscim.core.people.PeopleSearch;
import dev.kiroscim.core.people.Person;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link PeopleSearch} in SQL. Each branch of the {@code UNION} is a prefix {@code LIKE} on one indexed,
 * lower-cased column ({@code ux_user_user_name_ci}, {@code ix_user_display_name_ci}, and
 * {@code ix_user_attr_path_val_ci} for emails and names), so a search costs index range scans, not a table scan,
 * at any number of users. Pages are keyed on the lower-cased userName (unique).
 */
public final class JdbcPeopleSearch implements PeopleSearch {

    private static final String MATCHES = """
            select id from scim_user where user_name_ci like ? escape '\\'
            union select id from scim_user where display_name_ci like ? escape '\\'
            union select user_id from scim_user_attr where path = 'emails.value' and val_ci like ? escape '\\'
            union select user_id from scim_user_attr where path = 'name.givenname' and val_ci like ? escape '\\'
            union select user_id from scim_user_attr where path = 'name.familyname' and val_ci like ? escape '\\'
            """;
    private static final String COLUMNS =
            "select u.id, u.user_name, u.user_name_ci, u.display_name, u.active from scim_user u ";

    private final DataSource dataSource;

    public JdbcPeopleSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Page search(String text, String after, int limit) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String sql = COLUMNS + "where " + (q.isEmpty() ? "" : "u.id in (" + MATCHES + ") and ")
                + "u.user_name_ci > ? order by u.user_name_ci limit ?";
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try {
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    if (!q.isEmpty()) {
                        String pattern = SqlWhere.escapeLike(q) + "%";
                        for (int b = 0; b < 5; b++) {
                            ps.setString(i++, pattern);
                        }
                    }
                    ps.setString(i++, after == null ? "" : after);
                    ps.setInt(i, limit + 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getBoolean(5)));
                        }
                    }
                }
                boolean more = rows.size() > limit;
                List<Row> page = more ? rows.subList(0, limit) : rows;
                Map<String, String> emails = firstEmails(c, page);
                List<Person> people = page.stream()
                        .map(r -> new Person(r.id, r.userName, r.displayName, emails.get(r.id), r.active))
                        .toList();
                return new Page(people, more ? Optional.of(page.get(page.size() - 1).userNameCi) : Optional.empty());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("people search failed: " + e.getMessage(), e);
        }
    }

    private record Row(String id, String userName, String userNameCi, String displayName, boolean active) {}

    /** The first email of each person on the page, in one query. */
    private static Map<String, String> firstEmails(Connection c, List<Row> page) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (page.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(page.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
                "select user_id, val from scim_user_attr where path = 'emails.value' and user_id in (" + marks
                        + ") order by user_id, elem")) {
            for (int i = 0; i < page.size(); i++) {
                ps.setString(i + 1, page.get(i).id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
