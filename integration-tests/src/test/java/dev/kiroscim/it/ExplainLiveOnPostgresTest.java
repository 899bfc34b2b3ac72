package dev.kiroscim.it;

/** {@link ExplainLiveContract} on PostgreSQL. */
class ExplainLiveOnPostgresTest extends ExplainLiveContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
