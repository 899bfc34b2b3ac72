package dev.kiroscim.core.policy;

/**
 * One thing wrong with a policy file.
 *
 * @param line    1-based line in the file the problem points at
 * @param message what is wrong, for a human, e.g. {@code pool 'Kiro-Platform' names unknown tier 'PRO_PLUSS' (defined: PRO, POWER)}
 */
public record PolicyProblem(int line, String message) {
    /** Renders {@code FILE:LINE: message}, the format compilers use so editors can jump to it. */
    public String render(String source) {
        return source + ":" + line + ": " + message;
    }
}
