package dev.kiroscim.persistence;

import dev.kiroscim.core.notify.NotificationMarks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.hibernate.Session;

/** {@link NotificationMarks} in table {@code notify_mark}, in the session's transaction. */
final class JdbcNotificationMarks implements NotificationMarks {

    private final Session session;

    JdbcNotificationMarks(Session session) {
        this.session = session;
    }

    @Override
    public boolean has(String key) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from notify_mark where mark_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void put(String key, Instant at) {
        session.doWork(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from notify_mark where mark_key = ?");
                    PreparedStatement ins =
                            c.prepareStatement("insert into notify_mark (mark_key, at_ms) values (?, ?)")) {
                del.setString(1, key);
                del.executeUpdate();
                ins.setString(1, key);
                ins.setLong(2, at.toEpochMilli());
                ins.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String key) {
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from notify_mark where mark_key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public int removeOlderThan(String keyPrefix, Instant before) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("delete from notify_mark where mark_key like ? and at_ms < ?")) {
                ps.setString(1, keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
                ps.setLong(2, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
