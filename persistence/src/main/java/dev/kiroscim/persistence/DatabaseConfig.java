package dev.kiroscim.persistence;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the database is and how many connections to use.
 *
 * @param jdbcUrl           {@code jdbc:h2:file:…} (embedded default) or {@code jdbc:postgresql://…}
 * @param user              may be null for H2
 * @param password          may be null; never logged
 * @param maxPoolSize       connections in the pool
 * @param connectionTimeout how long a request waits for a free connection before the server answers 429
 */
public record DatabaseConfig(
        String jdbcUrl, String user, String password, int maxPoolSize, Duration connectionTimeout) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** The H2 options every H2 database of the bridge uses, the tests' in-memory ones too (see {@link #h2}). */
    public static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";

    /**
     * The embedded H2 database in {@code dataDir}. PostgreSQL compatibility mode keeps one set of migrations for
     * both databases; {@code DEFAULT_NULL_ORDERING=HIGH} sorts missing values like PostgreSQL does (last when
     * ascending), which is also what RFC 7644 §3.4.2.3 asks of {@code sortBy}.
     * {@code LOCK_TIMEOUT=10000}: requests queue up to 10 s for the allocation lock (H2's default is 1 s).
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while requests in flight at
     * SIGTERM still need it; the server closes it itself once they have finished.
     * {@code QUERY_CACHE_SIZE=128}: each H2 session keeps its parsed SELECTs and INSERTs in an LRU cache of 8 by
     * default, fewer than the distinct ones of the SCIM mix (user, attribute index, outbox and audit inserts, member
     * checks, searches), which were then parsed again on every request (issue 13, docs/decisions.md).
     */
    public static DatabaseConfig h2(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("kiro-scim").toString();
        return new DatabaseConfig(
                "jdbc:h2:file:" + file + H2_OPTIONS + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128",
                "sa",
                "",
                DEFAULT_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT);
    }

    /** True for {@code jdbc:postgresql:} URLs: SKIP LOCKED claims, no online H2 backups. */
    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The data dir of an embedded H2 database ({@link #h2}); empty for any other database. */
    public java.util.Optional<Path> h2DataDir() {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        int options = jdbcUrl.indexOf(';');
        Path file = Path.of(jdbcUrl.substring(prefix.length(), options < 0 ? jdbcUrl.length() : options));
        return java.util.Optional.ofNullable(file.toAbsolutePath().getParent());
    }

    /** The URL without credentials or options, safe to log. */
    public String describe() {
        int options = jdbcUrl.indexOf(';');
        int query = jdbcUrl.indexOf('?');
        int cut = options >= 0 ? options : query >= 0 ? query : jdbcUrl.length();
        return jdbcUrl.substring(0, cut);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + describe() + ", user=" + user + ", pool=" + maxPoolSize + "]";
    }
}
