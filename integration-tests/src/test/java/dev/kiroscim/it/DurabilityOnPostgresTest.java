package dev.kiroscim.it;

/** {@link DurabilityContract} on Postgres: its own server, restarted. */
class DurabilityOnPostgresTest extends DurabilityContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
