package dev.kiroscim.it;

/** {@link ScimValidatorContract} against the shared Postgres server. */
class ScimValidatorOnPostgresTest extends ScimValidatorContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
