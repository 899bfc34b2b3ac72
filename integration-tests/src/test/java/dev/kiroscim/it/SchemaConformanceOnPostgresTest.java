package dev.kiroscim.it;

/** {@link SchemaConformanceContract} against the shared Postgres server. */
class SchemaConformanceOnPostgresTest extends SchemaConformanceContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
