package dev.kiroscim.server.cli;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.ManageTokens;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.persistence.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token create|list|revoke}: manage API tokens directly in the database (for H2, while the server is
 * stopped; on a running server use {@code /admin/v1/tokens}). {@code create} prints the secret once — only its
 * SHA-256 hash is stored.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Token name, e.g. okta or entra; the Basic-auth user name.")
        String name;

        @Option(names = "--scope", defaultValue = "scim", description = "scim (provisioning, default) or admin.")
        String scope;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(database.toConfig())) {
                ManageTokens.Created created = new ManageTokens(db, Clock.systemUTC()).create(name, Scope.parse(scope), CliActor.context());
                System.err.println("Created token '" + created.token().name() + "' with scope "
                        + created.token().scope().wireName() + ". It is shown only now; store it in your IdP:");
                System.out.println(created.secret());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List token names and scopes (never secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(database.toConfig())) {
                System.out.printf("%-32s %-6s %s%n", "NAME", "SCOPE", "CREATED");
                for (ApiToken t : new ManageTokens(db, Clock.systemUTC()).list()) {
                    System.out.printf("%-32s %-6s %s%n", t.name(), t.scope().wireName(), t.created());
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by name.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", description = "Token name.")
        String name;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(database.toConfig())) {
                if (!new ManageTokens(db, Clock.systemUTC()).revoke(name, CliActor.context())) {
                    System.err.println("no token named '" + name + "'");
                    return 1;
                }
                System.err.println("revoked token '" + name + "'");
                return 0;
            }
        }
    }
}
