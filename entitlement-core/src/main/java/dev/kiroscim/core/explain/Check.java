package dev.kiroscim.core.explain;

import java.util.Map;

/**
 * One link of the chain from "the IdP knows this user" to "Kiro lets them sign in", with what we found.
 *
 * @param step     1-based position in the chain
 * @param title    what is checked, e.g. "Known from the IdP and active"
 * @param outcome  whether the chain holds here
 * @param message  the finding in plain words, e.g. "Kiro-Developers is full (200 seats); position 3 in line"
 * @param evidence timestamps, ids and errors behind the message
 */
public record Check(int step, String title, Outcome outcome, String message, Map<String, Object> evidence) {

    public enum Outcome {
        /** This link holds. */
        OK,
        /** The chain breaks here: this is why the user cannot sign in. */
        BROKEN,
        /** Holds, but something needs attention (e.g. sync in plan-only mode, work still pending). */
        WARNING,
        /** Outside what this server can see; a reminder of what to check elsewhere. */
        UNKNOWN
    }

    public Check {
        evidence = Map.copyOf(evidence);
    }
}
