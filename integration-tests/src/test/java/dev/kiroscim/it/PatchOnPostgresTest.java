package dev.kiroscim.it;

/** {@link PatchContract} against the shared Postgres server. */
class PatchOnPostgresTest extends PatchContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
