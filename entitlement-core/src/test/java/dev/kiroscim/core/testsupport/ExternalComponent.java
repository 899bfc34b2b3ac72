package dev.kiroscim.core.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something outside the JVM (python3 with moto, a PostgreSQL server):
 * on a developer machine a missing component skips the test with a message that says what to install;
 * on CI ({@code CI=true}) it fails, so a broken image cannot turn the suite green by skipping.
 *
 * <pre>{@code
 * ExternalComponent.require("python3 with moto >= 5.2", PythonModules.available("moto"),
 *         "install moto[server] into the python3 on PATH");
 * }</pre>
 */
public final class ExternalComponent {

    private ExternalComponent() {}

    /**
     * @param component what is needed, e.g. {@code "python3 with moto"}
     * @param available whether it was found
     * @param remedy    how to get it, shown in the skip or failure message
     */
    public static void require(String component, boolean available, String remedy) {
        require(component, available, remedy, System.getenv("CI"));
    }

    /** Same, with the value of {@code CI} passed in (for testing this rule). */
    static void require(String component, boolean available, String remedy, String ciVariable) {
        if (available) {
            return;
        }
        String message = component + " is not available: " + remedy;
        if (isCi(ciVariable)) {
            fail(message + " (CI=true: missing test components fail the build instead of skipping)");
        }
        Assumptions.abort(message + " (skipped; set CI=true to make this a failure)");
    }

    static boolean isCi(String ciVariable) {
        return "true".equalsIgnoreCase(ciVariable == null ? null : ciVariable.trim());
    }
}
