package dev.kiroscim.core.archfixture.cycle.b;

import dev.kiroscim.core.archfixture.cycle.a.Left;

/** Deliberately bad layout for ArchitectureRulesTest: the other half of the {@code a} ↔ {@code b} cycle. */
public final class Right {

    public Left partner() {
        return new Left();
    }
}
