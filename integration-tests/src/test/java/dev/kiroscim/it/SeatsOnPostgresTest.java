package dev.kiroscim.it;

/** {@link SeatsContract} on PostgreSQL. */
class SeatsOnPostgresTest extends SeatsContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
