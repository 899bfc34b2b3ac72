package dev.kiroscim.core.transaction;

import java.util.function.Function;

/**
 * Port: runs work in one database transaction. Everything a request changes — resource, memberships, and later
 * seats, audit events and the outbox — commits or rolls back together.
 */
public interface Transactions {

    <T> T write(Function<Directory, T> work);

    <T> T read(Function<Directory, T> work);

    /** True when the database answers a trivial query (readiness). */
    boolean ping();
}
