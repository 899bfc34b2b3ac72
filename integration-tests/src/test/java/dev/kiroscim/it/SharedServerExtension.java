package dev.kiroscim.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Gives every {@link ScimContract} class the one server of its backend, started on first use and closed when the
 * whole test run ends (the root store closes {@link AutoCloseable} values).
 *
 * <p>Why shared: a server start costs seconds, and the contract classes only ever add uniquely named data, so one
 * H2 and one PostgreSQL server serve all of them. Tests that restart or stop a server start their own.
 */
public final class SharedServerExtension implements TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServerExtension.class);

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        ScimContract contract = (ScimContract) testInstance;
        Backend backend = contract.backend();
        if (backend == Backend.POSTGRES) {
            ExternalComponent.requirePostgres(); // skip or fail before touching the store
        }
        KiroServer server = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(backend, b -> KiroServer.start(ServerOptions.on(b)), KiroServer.class);
        contract.attach(server);
    }
}
