package dev.kiroscim.it;

/** {@link AuditTamperContract} on Postgres: one server per tampering case. */
class AuditTamperOnPostgresTest extends AuditTamperContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
