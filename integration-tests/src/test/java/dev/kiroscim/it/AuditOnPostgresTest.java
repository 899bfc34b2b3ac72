package dev.kiroscim.it;

/** {@link AuditContract} against the shared Postgres server. */
class AuditOnPostgresTest extends AuditContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
