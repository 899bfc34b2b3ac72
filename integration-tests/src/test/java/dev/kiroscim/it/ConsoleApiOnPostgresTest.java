package dev.kiroscim.it;

/** {@link ConsoleApiContract} against the shared Postgres server. */
class ConsoleApiOnPostgresTest extends ConsoleApiContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
