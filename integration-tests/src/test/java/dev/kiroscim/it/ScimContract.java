package dev.kiroscim.it;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every black-box contract class. A topic (filters, PATCH, …) is one abstract subclass holding the tests;
 * two tiny concrete classes ({@code …OnH2Test}, {@code …OnPostgresTest}) run it on each backend.
 *
 * <p>The server is shared (see {@link SharedServerExtension}), so tests must create uniquely named data and must
 * not assume an empty server: scope list queries with a filter on a per-test prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedServerExtension.class)
public abstract class ScimContract {

    protected KiroServer server;
    protected ScimClient scim;

    protected abstract Backend backend();

    final void attach(KiroServer server) {
        this.server = server;
        this.scim = ScimClient.bearer(server);
    }
}
