package dev.kiroscim.server.config;

import dev.kiroscim.core.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading one config file, each with its line. Sections add to it and carry on, so the
 * admin sees every mistake of the file in one go ({@link ConfigException} lists them as {@code FILE:LINE: message}).
 */
public final class ConfigProblems {

    private final List<PolicyProblem> problems = new ArrayList<>();

    public void add(ConfigNode at, String message) {
        problems.add(new PolicyProblem(at.line(), message));
    }

    /** The list itself, for readers that collect {@link PolicyProblem}s (the YAML reader, the policy). */
    List<PolicyProblem> list() {
        return problems;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }
}
