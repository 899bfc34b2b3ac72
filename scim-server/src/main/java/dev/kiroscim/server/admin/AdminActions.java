package dev.kiroscim.server.admin;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.transaction.Transactions;
import java.util.Map;

/**
 * Audits admin actions that have no event of their own ({@code policy reload}, {@code sync retry},
 * {@code sync reconcile}) as {@code admin.action}, with the actor (token name, later a console's person), its
 * source address and what the action did. The events the action itself writes (e.g. {@code policy.loaded}) share
 * its request id.
 */
public final class AdminActions {

    private final Transactions transactions;

    public AdminActions(Transactions transactions) {
        this.transactions = transactions;
    }

    public void record(ChangeContext ctx, String action, Map<String, Object> outcome) {
        transactions.write(tx -> {
            tx.audit().append(ctx, AuditEvents.adminAction(action, ctx.by(), outcome));
            return null;
        });
    }
}
