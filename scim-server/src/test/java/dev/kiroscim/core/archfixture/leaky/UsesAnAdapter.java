package dev.kiroscim.core.archfixture.leaky;

import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiDirectory;

/** Deliberately bad layout for ArchitectureRulesOnInfrastructureTest: a "domain" class that uses an adapter. */
public final class UsesAnAdapter {

    public Class<?> adapter() {
        return IdentityStoreApiDirectory.class;
    }
}
