package dev.kiroscim.server.cli;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code policy check FILE}: validates an entitlement policy before it is deployed or reloaded.
 * {@code policy apply FILE}: makes it the cluster's active policy.
 */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Entitlement policy tools.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Apply.class})
public final class PolicyCommand {

    /**
     * Validates {@code FILE} and makes it the active policy in the database ({@code --db-url}, or an H2
     * {@code --data-dir} while its server is stopped), applying the seat changes it causes and auditing
     * {@code policy.loaded} as {@code cli:<user>}. Running replicas enforce it within 5 s. A bad file changes
     * nothing: every problem is printed and the exit code is 1.
     */
    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description =
                    "Make FILE the active policy of every replica sharing the database (running replicas enforce it within 5 s).")
    static final class Apply implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The policy or kiro-scim.yaml file.")
        Path file;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            ChangeContext ctx = CliActor.context();
            BridgeConfig loaded;
            try {
                loaded = BridgeConfig.requirePolicy(file);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.err.println(file + ": not applied, the active policy is unchanged");
                return 1;
            }
            try (Database db = Database.open(database.toConfig())) {
                ManageSeats seats = new ManageSeats(db, PolicyInForce.builtInDefault());
                seats.refreshFromCluster(); // the policy in force now, so policy.loaded records what changes
                List<SeatEvent> events = seats.applyAndStore(
                        loaded.policyInForce(), loaded.storedPolicy(ctx.actor() + " (policy apply)", ctx.at()), ctx);
                System.out.println(file + ": applied (sha256 " + loaded.sha256() + ", "
                        + loaded.policyInForce().policy().pools().size() + " pools, " + events.size()
                        + " seat changes)");
                return 0;
            }
        }
    }

    /**
     * Prints {@code FILE: OK (3 tiers, 3 pools)} and exits 0, or prints every problem as {@code FILE:LINE: message}
     * on stderr and exits 1.
     */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Validate a kiro-scim.yaml: every section, and it must hold a policy (tiers and pools). Exits 1 on problems.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The policy or kiro-scim.yaml file.")
        Path file;

        @Override
        public Integer call() {
            try {
                PolicyInForce policy = BridgeConfig.requirePolicy(file).policyInForce();
                System.out.println(file + ": OK (" + policy.policy().tiers().size() + " tiers, "
                        + policy.policy().pools().size() + " pools)");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.err.println(
                        file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
                return 1;
            }
        }
    }
}
