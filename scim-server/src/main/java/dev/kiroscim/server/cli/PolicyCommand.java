package dev.kiroscim.server.cli;

import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.server.seats.PolicyFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code policy check FILE}: validates an entitlement policy before it is deployed or reloaded. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Entitlement policy tools.",
        subcommands = {PolicyCommand.Check.class})
public final class PolicyCommand {

    /**
     * Prints {@code FILE: OK (3 tiers, 3 pools)} and exits 0, or prints every problem as {@code FILE:LINE: message}
     * on stderr and exits 1.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a policy file (tiers and pools; other kiro-scim.yaml sections are allowed). Exits 1 on problems.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The policy or kiro-scim.yaml file.")
        Path file;

        @Override
        public Integer call() {
            try {
                PolicyInForce policy = PolicyFile.check(file);
                System.out.println(file + ": OK (" + policy.policy().tiers().size() + " tiers, "
                        + policy.policy().pools().size() + " pools)");
                return 0;
            } catch (PolicyException e) {
                System.err.println(e.getMessage());
                System.err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
                return 1;
            }
        }
    }
}
