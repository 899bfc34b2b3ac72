package dev.kiroscim.it;

/** The storage the server under test runs on. Every contract test class exists once per backend. */
public enum Backend {
    /** The embedded default: H2 files in the server's {@code --data-dir}. */
    H2,
    /** PostgreSQL at 127.0.0.1:5432, a fresh database per server (see {@link Postgres}). */
    POSTGRES
}
