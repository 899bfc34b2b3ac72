package dev.kiroscim.it;

/** {@link EdgeInputContract} against the shared Postgres server. */
class EdgeInputOnPostgresTest extends EdgeInputContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
