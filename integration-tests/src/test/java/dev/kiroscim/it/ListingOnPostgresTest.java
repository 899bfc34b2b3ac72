package dev.kiroscim.it;

/** {@link ListingContract} against the shared Postgres server. */
class ListingOnPostgresTest extends ListingContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
