package dev.kiroscim.core.archfixture.cycle.a;

import dev.kiroscim.core.archfixture.cycle.b.Right;

/** Deliberately bad layout for ArchitectureRulesTest: package {@code a} uses {@code b}, which uses {@code a}. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
