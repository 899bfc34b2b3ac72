package dev.kiroscim.server.cli;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.service.ManageTokens;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.persistence.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token create|rotate|list|revoke}: manage API tokens directly in the database (for H2, while the server is
 * stopped; on a running server use {@code /admin/v1/tokens}). {@code create} and {@code rotate} print the secret
 * once — only its SHA-256 hash is stored.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Create, rotate, list and revoke API tokens.",
        subcommands = {
            TokenCommand.Create.class,
            TokenCommand.Rotate.class,
            TokenCommand.ListTokens.class,
            TokenCommand.Revoke.class
        })
public final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once.")
    static final class Create implements Callable<Integer> {
        @Option(
                names = "--name",
                required = true,
                description = "Token name, e.g. okta or entra; the Basic-auth user name.")
        String name;

        @Option(names = "--scope", defaultValue = "scim", description = "scim (provisioning, default) or admin.")
        String scope;

        @Option(names = "--expires-in", description = "Lifetime, ISO-8601, e.g. P365D (default: no expiry).")
        String expiresIn;

        @Option(
                names = "--allow-from",
                description =
                        "Source addresses allowed to use it, comma-separated IPv4/IPv6 CIDRs, e.g. 10.0.0.0/8,2001:db8::/32 (default: anywhere).")
        String allowFrom;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            ManageTokens.Terms terms = new ManageTokens.Terms(
                    ManageTokens.duration(expiresIn, "--expires-in"), AddressRanges.parse(allowFrom));
            try (Database db = Database.open(database.toConfig())) {
                ManageTokens.Created created = new ManageTokens(db, Clock.systemUTC())
                        .create(name, Scope.parse(scope), terms, CliActor.context());
                System.err.println("Created token '" + created.token().name() + "' with scope "
                        + created.token().scope().wireName()
                        + expiry(created.token().expires())
                        + ". It is shown only now; store it in your IdP:");
                System.out.println(created.secret());
                return 0;
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description =
                    "Give a token a new secret and print it once; the old secret keeps working until the grace period ends.")
    static final class Rotate implements Callable<Integer> {
        @Parameters(index = "0", description = "Token name.")
        String name;

        @Option(
                names = "--grace",
                description =
                        "How long the old secret stays valid, ISO-8601 (default PT24H, at most P30D; PT0S ends it now).")
        String grace;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            java.time.Duration g = ManageTokens.duration(grace, "--grace");
            try (Database db = Database.open(database.toConfig())) {
                ManageTokens.Created created =
                        new ManageTokens(db, Clock.systemUTC()).rotate(name, g, CliActor.context());
                System.err.println(
                        "Rotated token '" + name + "'" + expiry(created.token().expires())
                                + "; the previous secret works until "
                                + created.token().created().plus(g == null ? ManageTokens.DEFAULT_GRACE : g)
                                + ". The new secret is shown only now; store it in your IdP:");
                System.out.println(created.secret());
                return 0;
            } catch (NoSuchElementException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "List tokens (never secrets): one line per secret, so a token in its rotation grace period shows twice.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(database.toConfig())) {
                String format = "%-24s %-6s %-24s %-24s %-24s %-39s %s%n";
                System.out.printf(
                        format, "NAME", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "LAST SOURCE IP", "ALLOW FROM");
                for (ApiToken t : new ManageTokens(db, Clock.systemUTC()).list()) {
                    System.out.printf(
                            format,
                            t.name(),
                            t.scope().wireName(),
                            t.created(),
                            orDash(t.expires()),
                            orDash(t.lastUsed()),
                            t.lastSourceIp() == null ? "-" : t.lastSourceIp(),
                            t.allowFrom().isEmpty() ? "anywhere" : t.allowFrom().text());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a token (all its secrets) by name.")
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

    private static String expiry(Instant expires) {
        return expires == null ? "" : ", expiring " + expires;
    }

    private static String orDash(Instant at) {
        return at == null ? "-" : at.toString();
    }
}
