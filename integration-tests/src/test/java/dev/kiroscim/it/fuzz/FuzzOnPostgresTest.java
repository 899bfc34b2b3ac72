package dev.kiroscim.it.fuzz;

import dev.kiroscim.it.Backend;

/** {@link FuzzContract} against a fresh server on PostgreSQL (skipped without one; fails under CI=true). */
class FuzzOnPostgresTest extends FuzzContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }
}
