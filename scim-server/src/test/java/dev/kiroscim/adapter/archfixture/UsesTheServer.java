package dev.kiroscim.adapter.archfixture;

import dev.kiroscim.server.config.UsageSection;

/** Deliberately bad layout for ArchitectureRulesOnInfrastructureTest: an "adapter" that reads the server's config. */
public final class UsesTheServer {

    public Class<?> serverConfig() {
        return UsageSection.class;
    }
}
