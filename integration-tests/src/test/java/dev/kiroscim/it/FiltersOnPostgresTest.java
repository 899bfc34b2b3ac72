package dev.kiroscim.it;

/** {@link FiltersContract} against the shared Postgres server. */
class FiltersOnPostgresTest extends FiltersContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
