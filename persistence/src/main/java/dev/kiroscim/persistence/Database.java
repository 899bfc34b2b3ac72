package dev.kiroscim.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.auth.TokenStore;
import dev.kiroscim.core.directory.GroupStore;
import dev.kiroscim.core.directory.StoreBusy;
import dev.kiroscim.core.directory.StoreUnavailable;
import dev.kiroscim.core.directory.UserStore;
import dev.kiroscim.core.notify.NotificationMarks;
import dev.kiroscim.core.notify.NotificationOutbox;
import dev.kiroscim.core.notify.NotificationRouting;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.sync.state.IdentityCenterLinkStore;
import dev.kiroscim.core.sync.state.SyncOutbox;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.core.transaction.WriteDeadline;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database behind the domain's ports: a connection pool, versioned migrations (Flyway, run at start-up on
 * H2 and PostgreSQL alike) and a Hibernate session factory. Implements {@link Transactions}.
 */
public final class Database implements Transactions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;

    private final boolean postgres;
    /** Null on PostgreSQL, which makes a commit durable before it returns. */
    private final H2CommitFlush h2Flush;

    private final OutageBreaker breaker;
    /** The webhook endpoints the audit log queues deliveries for; none until the server configures them. */
    private volatile NotificationRouting notificationRouting = NotificationRouting.NONE;
    /**
     * This replica's writers take the audit chain head one at a time, in arrival order, waiting here rather than in
     * the database: every audited write holds the chain-head row lock from its audit insert to its commit, so they
     * serialise anyway, but queued in PostgreSQL each waiter is a backend woken at every commit to re-contend for the
     * row ({@code Lock:tuple}/{@code Lock:transactionid} in {@code pg_stat_activity}), which costs the database CPU
     * that the lock holder needs on a busy machine (docs/decisions.md, issue 13). Fair, so the tail stays short.
     * Taken after the transaction's own changes are flushed, released after commit or rollback; no local writer
     * holding it waits for anything but the chain head itself and its own statements.
     */
    private final java.util.concurrent.locks.ReentrantLock chainTurn =
            new java.util.concurrent.locks.ReentrantLock(true);

    /** How often a database that went away is tried again (see {@link OutageBreaker}). */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private Database(DatabaseConfig config, HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.config = config;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.postgres = config.isPostgres();
        this.h2Flush = config.jdbcUrl().startsWith("jdbc:h2:file:") ? new H2CommitFlush(config) : null;
        this.breaker = new OutageBreaker(this::connectionIsValid, PROBE_INTERVAL);
    }

    /** Opens the pool, migrates the schema to the newest version and starts Hibernate. */
    public static Database open(DatabaseConfig config) {
        HikariDataSource ds = pool(config);
        try {
            // Flyway connects on its own (it needs two connections at once), so a pool of one still starts.
            var result = Flyway.configure()
                    .dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            LOG.info(
                    "database {} at schema version {} ({} migrations applied)",
                    config.describe(),
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
            SessionFactory sf = new HibernatePersistenceConfiguration("kiro-scim")
                    .managedClasses(UserEntity.class, GroupEntity.class)
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds)
                    .property(AvailableSettings.STATEMENT_BATCH_SIZE, 100)
                    .property(AvailableSettings.ORDER_INSERTS, true)
                    .property(AvailableSettings.SHOW_SQL, false)
                    .property("hibernate.hbm2ddl.auto", "none")
                    .createEntityManagerFactory();
            return new Database(config, ds, sf);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hc.setUsername(config.user());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setConnectionTimeout(config.connectionTimeout().toMillis());
        hc.setPoolName("kiro-scim-db");
        hc.setAutoCommit(false);
        if (config.isPostgres()) {
            // A replica frozen mid-transaction (SIGSTOP, VM pause) must not hold row locks (the allocation lock, the
            // chain head) for the whole cluster: PostgreSQL ends such a transaction after 15 s; it never commits.
            hc.setConnectionInitSql("set idle_in_transaction_session_timeout = '15s'");
            // pgjdbc's isValid() opens a transaction when auto-commit is off and nobody ends it: pooled connections
            // would sit "idle in transaction" and be closed by the timeout above. A test query Hikari rolls back.
            hc.setConnectionTestQuery("select 1");
            hc.setIsolateInternalQueries(true);
        }
        return new HikariDataSource(hc);
    }

    /** From now on, every audit event a transaction writes is queued for the endpoints of {@code routing} that select it. */
    public void routeNotifications(NotificationRouting routing) {
        this.notificationRouting = routing;
    }

    public DatabaseConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public <T> T write(Function<Directory, T> work) {
        return inTransaction(work, false);
    }

    @Override
    public <T> T read(Function<Directory, T> work) {
        return inTransaction(work, true);
    }

    private <T> T inTransaction(Function<Directory, T> work, boolean readOnly) {
        breaker.checkAvailable();
        try {
            T committed;
            try {
                committed = sessionFactory.fromTransaction(session -> {
                    session.setDefaultReadOnly(readOnly);
                    if (readOnly) {
                        // Nothing to write back: skip Hibernate's dirty checking before each query and at commit.
                        session.setHibernateFlushMode(org.hibernate.FlushMode.MANUAL);
                    }
                    SessionDirectory directory = new SessionDirectory(session, postgres, notificationRouting);
                    T result = work.apply(directory);
                    directory.audit.flushPending(chainTurn); // last: the chain-head lock is held only until commit
                    if (!readOnly) {
                        WriteDeadline.check(); // a request that outlived its deadline rolls back (§29)
                    }
                    return result;
                });
            } finally {
                if (chainTurn.isHeldByCurrentThread()) {
                    chainTurn.unlock(); // committed or rolled back: the next local writer may take the chain head
                }
            }
            if (h2Flush != null && !readOnly) {
                h2Flush.flush(); // before the caller acknowledges the write
            }
            return committed;
        } catch (RuntimeException e) {
            if (ConnectionLoss.isConnectionLoss(e)) {
                breaker.markDown(e);
                throw new StoreUnavailable("the database is unreachable; nothing was changed, retry shortly", e);
            }
            if (causedByPoolTimeout(e)) {
                throw new StoreBusy("no database connection free within " + config.connectionTimeout(), e);
            }
            throw e;
        }
    }

    private static boolean causedByPoolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Readiness: false at once while the breaker is open; a lost connection here opens it. */
    @Override
    public boolean ping() {
        return !breaker.isDown() && connectionIsValid();
    }

    private boolean connectionIsValid() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            c.rollback(); // isValid may have begun a transaction (auto-commit is off): do not leave it open
            return valid;
        } catch (Exception e) {
            if (ConnectionLoss.isConnectionLoss(e)) {
                breaker.markDown(e);
            }
            return false;
        }
    }

    @Override
    public void close() {
        breaker.close();
        sessionFactory.close();
        if (h2Flush != null) {
            h2Flush.close();
        }
        dataSource.close();
    }

    /** The stores of one session/transaction; the audit log is per transaction because it queues appends. */
    private static final class SessionDirectory implements Directory {
        private final Session session;
        private final JdbcAuditLog audit;
        private final boolean postgres;
        private final SqlSeatStore seats;

        SessionDirectory(Session session, boolean postgres, NotificationRouting routing) {
            this.session = session;
            this.audit = new JdbcAuditLog(session, postgres, routing);
            this.postgres = postgres;
            this.seats = new SqlSeatStore(session);
        }

        @Override
        public SyncOutbox outbox() {
            return new JdbcSyncOutbox(session, postgres);
        }

        @Override
        public IdentityCenterLinkStore identityCenterLinks() {
            return new JdbcIdentityCenterLinkStore(session);
        }

        @Override
        public SeatStore seats() {
            return seats;
        }

        @Override
        public NotificationOutbox notifications() {
            return new JdbcNotificationOutbox(session, postgres);
        }

        @Override
        public NotificationMarks notificationMarks() {
            return new JdbcNotificationMarks(session);
        }

        @Override
        public AuditLog audit() {
            return audit;
        }

        @Override
        public UserStore users() {
            return new HibernateUserStore(session);
        }

        @Override
        public GroupStore groups() {
            return new HibernateGroupStore(session);
        }

        @Override
        public TokenStore tokens() {
            return new JdbcTokenStore(session);
        }
    }
}
