package dev.kiroscim.it;

/** {@link ServeContract} against the shared Postgres server. */
class ServeOnPostgresTest extends ServeContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
