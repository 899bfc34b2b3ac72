package dev.kiroscim.it;

/** {@link AdminGuidesContract} against the shared Postgres server. */
class AdminGuidesOnPostgresTest extends AdminGuidesContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
