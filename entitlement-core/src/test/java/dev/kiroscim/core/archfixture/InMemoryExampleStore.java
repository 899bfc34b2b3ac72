package dev.kiroscim.core.archfixture;

/** Deliberately bad layout for ArchitectureRulesTest: a fake, as it would look had it stayed in main code. */
public final class InMemoryExampleStore {}
