package dev.kiroscim.persistence;

import dev.kiroscim.core.sync.state.PendingItems;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link PendingItems} on {@code idc_outbox} (V4): read-only, never takes a lease or a lock. */
public final class JdbcPendingItems implements PendingItems {

    private static final String SQL = """
            select o.id, o.user_id, u.user_name, o.reason, o.enqueued_at_ms, o.attempts, o.next_attempt_at_ms, o.last_error
              from idc_outbox o left join scim_user u on u.id = o.user_id
             where o.state = 'PENDING' order by o.id limit ?
            """;

    private final DataSource dataSource;

    public JdbcPendingItems(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<PendingItem> oldest(int limit) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setInt(1, limit);
                List<PendingItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PendingItem(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5)),
                                rs.getInt(6),
                                Instant.ofEpochMilli(rs.getLong(7)),
                                rs.getString(8)));
                    }
                }
                return out;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pending Identity Center work: " + e.getMessage(), e);
        }
    }
}
