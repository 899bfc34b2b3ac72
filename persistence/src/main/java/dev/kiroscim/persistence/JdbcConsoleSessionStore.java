package dev.kiroscim.persistence;

import dev.kiroscim.core.console.ConsoleRole;
import dev.kiroscim.core.console.ConsoleSession;
import dev.kiroscim.core.console.ConsoleSessionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ConsoleSessionStore} on the {@code console_session} and {@code console_oidc_login} tables (V60). */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {

    private final PooledTransaction transaction;

    public JdbcConsoleSessionStore(DataSource dataSource) {
        this.transaction = new PooledTransaction(dataSource, "console session store");
    }

    private int update(String sql, Object... args) {
        return transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void create(String idHash, ConsoleSession s) {
        update(
                "insert into console_session (id_hash, person, role, via, csrf_token, created_ms, last_seen_ms) values (?,?,?,?,?,?,?)",
                idHash,
                s.person(),
                s.role().wireName(),
                s.via(),
                s.csrfToken(),
                s.created().toEpochMilli(),
                s.lastSeen().toEpochMilli());
    }

    @Override
    public Optional<ConsoleSession> find(String idHash) {
        return transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select person, role, via, csrf_token, created_ms, last_seen_ms from console_session where id_hash = ?")) {
                ps.setString(1, idHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConsoleSession(
                            rs.getString(1),
                            ConsoleRole.parse(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        });
    }

    @Override
    public void touch(String idHash, Instant at) {
        update(
                "update console_session set last_seen_ms = ? where id_hash = ? and last_seen_ms < ?",
                at.toEpochMilli(),
                idHash,
                at.toEpochMilli());
    }

    @Override
    public void delete(String idHash) {
        update("delete from console_session where id_hash = ?", idHash);
    }

    @Override
    public int deleteIdleBefore(Instant cutoff) {
        return update("delete from console_session where last_seen_ms < ?", cutoff.toEpochMilli());
    }

    @Override
    public void savePendingLogin(String stateHash, PendingLogin login) {
        update(
                "insert into console_oidc_login (state_hash, code_verifier, nonce, created_ms) values (?,?,?,?)",
                stateHash,
                login.codeVerifier(),
                login.nonce(),
                login.created().toEpochMilli());
    }

    @Override
    public Optional<PendingLogin> takePendingLogin(String stateHash) {
        return transaction.run(c -> {
            PendingLogin found = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "select code_verifier, nonce, created_ms from console_oidc_login where state_hash = ? for update")) {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new PendingLogin(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from console_oidc_login where state_hash = ?")) {
                ps.setString(1, stateHash);
                // Two replicas racing on one callback: only the one whose delete removed the row may continue.
                return ps.executeUpdate() == 1 ? Optional.ofNullable(found) : Optional.<PendingLogin>empty();
            }
        });
    }

    @Override
    public int deletePendingLoginsBefore(Instant cutoff) {
        return update("delete from console_oidc_login where created_ms < ?", cutoff.toEpochMilli());
    }
}
