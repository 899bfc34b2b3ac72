package dev.kiroscim.server.config;

import dev.kiroscim.core.policy.PolicyProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration problem explained for a human; the CLI prints it and exits non-zero. A rejected config file lists
 * every problem as {@code FILE:LINE: message}, in line order:
 * <pre>
 * /etc/kiro/kiro-scim.yaml:3: scim.maxResults must be a positive integer, got '0'
 * /etc/kiro/kiro-scim.yaml:14: pool 'Kiro-Platform' names unknown tier 'PRO_PLUSS' (defined: PRO, PRO_PLUS, POWER)
 * </pre>
 */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** @param source the file as named on the command line */
    public ConfigException(String source, List<PolicyProblem> problems) {
        this(problems.stream().map(p -> p.render(source)).toList());
    }

    private ConfigException(List<String> rendered) {
        super(rendered.stream().collect(Collectors.joining("\n")));
        this.problems = List.copyOf(rendered);
    }

    /** One {@code FILE:LINE: message} line per problem. */
    public List<String> problems() {
        return problems;
    }
}
