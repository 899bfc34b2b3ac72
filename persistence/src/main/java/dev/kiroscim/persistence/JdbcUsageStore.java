package dev.kiroscim.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroscim.core.usage.ImportedFile;
import dev.kiroscim.core.usage.UsageRow;
import dev.kiroscim.core.usage.UsageStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link UsageStore} on plain JDBC (tables of V50__usage.sql); each call is its own transaction. */
public final class JdbcUsageStore implements UsageStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS =
            "activity_day, kiro_user_id, client_type, profile_id, credits, overage_credits, overage_enabled,"
                    + " tier, messages, conversations, email, extra, file_key";

    private final DataSource dataSource;

    public JdbcUsageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ImportedFile> imported(String key) {
        return call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select file_key, fingerprint, activity_day, imported_at_ms, row_count, rejected_count"
                            + " from usage_import_file where file_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new ImportedFile(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getDate(3).toLocalDate(),
                                    Instant.ofEpochMilli(rs.getLong(4)),
                                    rs.getInt(5),
                                    rs.getInt(6)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveFile(ImportedFile file, List<UsageRow> rows) {
        call(c -> {
            c.setAutoCommit(false);
            try {
                update(c, "delete from usage_daily where file_key = ?", file.key());
                try (PreparedStatement delete = c.prepareStatement(
                                "delete from usage_daily where activity_day = ? and kiro_user_id = ? and client_type = ? and profile_id = ?");
                        PreparedStatement insert = c.prepareStatement("insert into usage_daily (" + COLUMNS
                                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (UsageRow r : rows) {
                        delete.setDate(1, Date.valueOf(r.day()));
                        delete.setString(2, r.kiroUserId());
                        delete.setString(3, r.clientType());
                        delete.setString(4, r.profileId());
                        delete.addBatch();
                        bind(insert, r);
                        insert.addBatch();
                    }
                    delete.executeBatch();
                    insert.executeBatch();
                }
                update(c, "delete from usage_import_file where file_key = ?", file.key());
                try (PreparedStatement ps =
                        c.prepareStatement("insert into usage_import_file (file_key, fingerprint, activity_day,"
                                + " imported_at_ms, row_count, rejected_count) values (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, file.key());
                    ps.setString(2, file.fingerprint());
                    ps.setDate(3, Date.valueOf(file.day()));
                    ps.setLong(4, file.importedAt().toEpochMilli());
                    ps.setInt(5, file.rows());
                    ps.setInt(6, file.rejected());
                    ps.executeUpdate();
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    @Override
    public List<UsageRow> rows(LocalDate from, LocalDate toExclusive) {
        return select("where activity_day >= ? and activity_day < ?", from, toExclusive, null);
    }

    @Override
    public List<UsageRow> rowsOf(String kiroUserId, LocalDate from, LocalDate toExclusive) {
        return select(
                "where activity_day >= ? and activity_day < ? and kiro_user_id = ?", from, toExclusive, kiroUserId);
    }

    @Override
    public Optional<LocalDate> latestDay() {
        return day("select max(activity_day) from usage_daily");
    }

    @Override
    public Optional<LocalDate> earliestDay() {
        return day("select min(activity_day) from usage_daily");
    }

    private Optional<LocalDate> day(String sql) {
        return call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getDate(1) != null
                        ? Optional.of(rs.getDate(1).toLocalDate())
                        : Optional.empty();
            }
        });
    }

    @Override
    public Map<String, UsageActivity> lastActivity() {
        return call(c -> {
            Map<String, UsageActivity> last = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "select d.kiro_user_id, d.activity_day, min(d.client_type) from usage_daily d"
                                    + " join (select kiro_user_id, max(activity_day) as last_day from usage_daily group by kiro_user_id) m"
                                    + " on m.kiro_user_id = d.kiro_user_id and m.last_day = d.activity_day group by d.kiro_user_id, d.activity_day");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), new UsageActivity(rs.getDate(2).toLocalDate(), rs.getString(3)));
                }
            }
            return last;
        });
    }

    private List<UsageRow> select(String where, LocalDate from, LocalDate to, String user) {
        return call(c -> {
            List<UsageRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from usage_daily " + where
                    + " order by activity_day, kiro_user_id, client_type, profile_id")) {
                ps.setDate(1, Date.valueOf(from));
                ps.setDate(2, Date.valueOf(to));
                if (user != null) {
                    ps.setString(3, user);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object enabled = rs.getObject(7);
                        rows.add(new UsageRow(
                                rs.getDate(1).toLocalDate(),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBigDecimal(5).stripTrailingZeros(),
                                rs.getBigDecimal(6).stripTrailingZeros(),
                                enabled == null ? null : rs.getBoolean(7),
                                rs.getString(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                rs.getString(11),
                                extra(rs.getString(12)),
                                rs.getString(13)));
                    }
                }
            }
            return rows;
        });
    }

    private static void bind(PreparedStatement ps, UsageRow r) throws SQLException {
        ps.setDate(1, Date.valueOf(r.day()));
        ps.setString(2, r.kiroUserId());
        ps.setString(3, r.clientType());
        ps.setString(4, r.profileId());
        ps.setBigDecimal(5, r.credits());
        ps.setBigDecimal(6, r.overageCredits());
        if (r.overageEnabled() == null) {
            ps.setNull(7, Types.BOOLEAN);
        } else {
            ps.setBoolean(7, r.overageEnabled());
        }
        ps.setString(8, r.tier());
        ps.setLong(9, r.messages());
        ps.setLong(10, r.conversations());
        ps.setString(11, r.email());
        try {
            ps.setString(12, JSON.writeValueAsString(r.extra()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ps.setString(13, r.fileKey());
    }

    private static Map<String, String> extra(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage_daily.extra is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static void update(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T call(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("usage store: " + e.getMessage(), e);
        }
    }
}
