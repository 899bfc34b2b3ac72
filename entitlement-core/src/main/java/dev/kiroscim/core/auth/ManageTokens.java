package dev.kiroscim.core.auth;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.directory.Transactions;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Use case: create, list and revoke API tokens. The secret of a new token is returned once and only its hash is
 * stored. Used by the CLI (on a stopped server's data dir) and the admin API (on a running server). Each create
 * and revoke writes its {@code token.created} / {@code token.revoked} audit event in the same transaction.
 */
public final class ManageTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A freshly created token: the only moment its secret exists outside the client. */
    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.name() + ", scope=" + token.scope() + "]";
        }
    }

    private final Transactions transactions;
    private final Clock clock;

    public ManageTokens(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param ctx who asks (token name, or {@code cli:<os user>}) and the request id, for the audit event
     * @throws IllegalArgumentException for a bad name, or one that is taken or reserved
     */
    public Created create(String name, Scope scope, ChangeContext ctx) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (name.equals("bootstrap")) {
            throw new IllegalArgumentException("'bootstrap' is reserved for KIRO_SCIM_BOOTSTRAP_TOKEN");
        }
        String secret = TokenHash.newSecret();
        ApiToken token = new ApiToken(name, TokenHash.of(secret), scope, clock.instant());
        try {
            transactions.write(tx -> {
                tx.tokens().insert(token);
                tx.audit().append(ctx, AuditEvents.tokenCreated(name, scope.wireName()));
                return null;
            });
        } catch (dev.kiroscim.core.directory.UniquenessViolation e) {
            throw new IllegalArgumentException("a token named '" + name + "' already exists; revoke it first or pick another name");
        }
        return new Created(token, secret);
    }

    public List<ApiToken> list() {
        return transactions.read(tx -> tx.tokens().list());
    }

    public boolean revoke(String name, ChangeContext ctx) {
        return transactions.write(tx -> {
            boolean revoked = tx.tokens().revoke(name);
            if (revoked) {
                tx.audit().append(ctx, AuditEvents.tokenRevoked(name));
            }
            return revoked;
        });
    }
}
