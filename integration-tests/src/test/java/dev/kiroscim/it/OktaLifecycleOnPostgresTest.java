package dev.kiroscim.it;

/** {@link OktaLifecycleContract} against the shared Postgres server. */
class OktaLifecycleOnPostgresTest extends OktaLifecycleContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
