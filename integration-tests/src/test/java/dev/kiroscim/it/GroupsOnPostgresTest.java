package dev.kiroscim.it;

/** {@link GroupsContract} against the shared Postgres server. */
class GroupsOnPostgresTest extends GroupsContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
