package dev.kiroscim.it;

/** {@link IdpChecklistContract} against the shared Postgres server. */
class IdpChecklistOnPostgresTest extends IdpChecklistContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
