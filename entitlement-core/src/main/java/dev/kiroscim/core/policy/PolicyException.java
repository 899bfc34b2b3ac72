package dev.kiroscim.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy file was rejected. Carries every problem found, not just the first, so an admin can fix
 * the file in one go. {@link #getMessage()} is one {@code FILE:LINE: message} line per problem:
 * <pre>
 * policy.yaml:14: pool 'Kiro-Platform' names unknown tier 'PRO_PLUSS' (defined: PRO, PRO_PLUS, POWER)
 * policy.yaml:17: seats must not be negative, got -5
 * </pre>
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<PolicyProblem> problems;

    /** Problems in a policy that did not come from a file; rendered with the source {@code <policy>}. */
    public PolicyException(List<PolicyProblem> problems) {
        this(PolicyLoader.STRING_SOURCE, problems);
    }

    public PolicyException(String source, List<PolicyProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PolicyException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name (or {@code <policy>} for text parsed from a string) used in the rendered lines. */
    public String source() {
        return source;
    }

    /** The problems, ordered by line. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return getMessage();
    }

    private static String render(String source, List<PolicyProblem> problems) {
        return problems.stream().map(p -> p.render(source)).collect(Collectors.joining("\n"));
    }
}
