package dev.kiroscim.it;

/** {@link UsersContract} against the shared Postgres server. */
class UsersOnPostgresTest extends UsersContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
