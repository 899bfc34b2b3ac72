package dev.kiroscim.it;

/** {@link EntraLifecycleContract} against the shared Postgres server. */
class EntraLifecycleOnPostgresTest extends EntraLifecycleContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
