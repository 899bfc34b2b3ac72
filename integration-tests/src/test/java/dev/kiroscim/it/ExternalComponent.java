package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.TestPostgres;

/**
 * The integration tests' entry to the shared skip-or-fail rule ({@link dev.kiroscim.core.testsupport.ExternalComponent}):
 * a missing PostgreSQL skips the tests that need it, and fails them under {@code CI=true}.
 */
public final class ExternalComponent {

    public static final String POSTGRES_USER = TestPostgres.USER;

    private ExternalComponent() {}

    public static void requirePostgres() {
        TestPostgres.require();
    }
}
