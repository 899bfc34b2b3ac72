package dev.kiroscim.persistence;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenStore;
import dev.kiroscim.core.directory.UniquenessViolation;
import dev.kiroscim.core.net.AddressRanges;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link TokenStore} in SQL on the session's connection: {@code api_token} (name, scope, allow-list) and
 * {@code api_token_secret} (one row per secret hash, with its expiry and last use). Lookups by hash use the
 * secret table's primary key.
 */
final class JdbcTokenStore implements TokenStore {

    private static final String SELECT =
            "select t.name, s.token_hash, t.scope, s.created_at, s.expires_at, t.allow_from,"
                    + " s.last_used_at, s.last_source_ip from api_token_secret s join api_token t on t.name = s.token_name ";

    private final Session session;

    JdbcTokenStore(Session session) {
        this.session = session;
    }

    @Override
    public void insert(ApiToken token) {
        boolean taken = session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from api_token where name = ?")) {
                ps.setString(1, token.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (taken) {
            throw new UniquenessViolation("token name", token.name());
        }
        try {
            session.doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into api_token (name, scope, created_at, allow_from) values (?, ?, ?, ?)")) {
                    ps.setString(1, token.name());
                    ps.setString(2, token.scope().wireName());
                    ps.setLong(3, token.created().toEpochMilli());
                    ps.setString(
                            4,
                            token.allowFrom().isEmpty()
                                    ? null
                                    : token.allowFrom().text());
                    ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new UniquenessViolation("token name", token.name()); // a racing replica won
            }
            throw e;
        }
        addSecret(token);
    }

    @Override
    public void addSecret(ApiToken secret) {
        update(
                "insert into api_token_secret (token_hash, token_name, created_at, expires_at) values (?, ?, ?, ?)",
                secret.hash(),
                secret.name(),
                secret.created().toEpochMilli(),
                millis(secret.expires()));
    }

    @Override
    public List<ApiToken> lockSecrets(String name) {
        boolean exists = session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select name from api_token where name = ? for update")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        return exists ? query(SELECT + "where t.name = ? order by s.created_at desc, s.token_hash", name) : List.of();
    }

    @Override
    public void expireSecret(String hash, Instant at) {
        update("update api_token_secret set expires_at = ? where token_hash = ?", at.toEpochMilli(), hash);
    }

    @Override
    public void deleteExpiredSecrets(String name, Instant now) {
        update("delete from api_token_secret where token_name = ? and expires_at <= ?", name, now.toEpochMilli());
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return query(SELECT + "where s.token_hash = ?", hash).stream().findFirst();
    }

    @Override
    public List<ApiToken> list() {
        return query(SELECT + "order by t.name, s.created_at desc, s.token_hash");
    }

    @Override
    public boolean revoke(String name) {
        update("delete from api_token_secret where token_name = ?", name);
        return update("delete from api_token where name = ?", name) > 0;
    }

    @Override
    public void recordUse(String hash, Instant at, String sourceIp) {
        update(
                "update api_token_secret set last_used_at = ?, last_source_ip = ? where token_hash = ?"
                        + " and (last_used_at is null or last_used_at < ?)",
                at.toEpochMilli(),
                sourceIp == null ? NullText.VALUE : sourceIp,
                hash,
                at.toEpochMilli());
    }

    private List<ApiToken> query(String sql, Object... params) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                List<ApiToken> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ApiToken(
                                rs.getString(1),
                                rs.getString(2).trim(),
                                Scope.parse(rs.getString(3)),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                instant(rs, 5),
                                AddressRanges.parse(rs.getString(6)),
                                instant(rs, 7),
                                rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    private int update(String sql, Object... params) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            if (v == null) {
                ps.setNull(i + 1, Types.BIGINT); // every nullable parameter here is a time in epoch milliseconds
            } else if (v instanceof NullText) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /** A null text parameter (a plain null is bound as a BIGINT). */
    private enum NullText {
        VALUE
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
