package dev.kiroscim.core.explain;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.explain.Check.Outcome;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.Entitlement;
import dev.kiroscim.core.seats.EntitlementReader;
import dev.kiroscim.core.seats.MonthlyBudgets;
import dev.kiroscim.core.sync.state.DeadLetter;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.ReconcileReport;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: answer the helpdesk's "why can't this user sign in to Kiro?" by walking the chain this server controls
 * and saying, in plain words and with evidence, where it breaks:
 * <ol>
 *   <li>known from the IdP, and active;</li>
 *   <li>in an IdP group that a policy pool entitles (naming near-misses such as {@code Kiro-Developer} vs
 *       {@code Kiro-Developers});</li>
 *   <li>holding a seat (or why not: full pool and queue position, expired grant, …);</li>
 *   <li>reached IAM Identity Center: Identity Store user id, pending or failed work;</li>
 *   <li>in the right tier group there, and when a reconcile last confirmed it;</li>
 *   <li>what this server cannot see: the tier group's one-time subscription in the Kiro console.</li>
 * </ol>
 * Everything is read in one transaction, so the answer is consistent.
 */
public final class ExplainAccess {

    private final Transactions transactions;
    private final Supplier<Policy> policy;
    private final Supplier<String> syncMode;
    private final Clock clock;

    /** @param syncMode the Identity Center sync mode, e.g. {@code live} or {@code plan-only} */
    public ExplainAccess(Transactions transactions, Supplier<Policy> policy, Supplier<String> syncMode) {
        this(transactions, policy, syncMode, Clock.systemUTC());
    }

    /** @param clock what "this month" is for budgets */
    public ExplainAccess(Transactions transactions, Supplier<Policy> policy, Supplier<String> syncMode, Clock clock) {
        this.transactions = transactions;
        this.policy = policy;
        this.syncMode = syncMode;
        this.clock = clock;
    }

    /** Explains the user with this SCIM id or userName (case-insensitive). */
    public Explanation explain(String userNameOrId) {
        Policy current = policy.get();
        return transactions.read(tx -> {
            List<Check> checks = new ArrayList<>();
            Optional<UserRecord> found = find(tx, userNameOrId);
            if (found.isEmpty()) {
                checks.add(new Check(
                        1,
                        "Known from the IdP",
                        Outcome.BROKEN,
                        "No user '" + userNameOrId
                                + "' was ever provisioned here (or it was deleted). Check that the user is "
                                + "assigned to the Kiro app in Okta/Entra and that provisioning runs (Okta: Push status; Entra: provisioning logs).",
                        Map.of("query", userNameOrId)));
                return finish(userNameOrId, null, null, checks);
            }
            UserRecord user = found.get();
            checks.add(identity(user));
            List<Pool> pools = groups(tx, user, current, checks);
            Entitlement entitlement = new EntitlementReader(tx.seats()).read(current, user.id());
            checks.add(seat(user, entitlement, pools, budgetHolds(tx, current, entitlement)));
            Optional<IdentityCenterLink> link = tx.identityCenterLinks().find(user.id());
            checks.add(identityCenter(tx, user, link));
            Optional<Tier> tier = entitlement.tier().flatMap(current::tier);
            checks.add(tierGroup(tx, entitlement, tier, link));
            checks.add(new Check(
                    6,
                    "Subscribed in the Kiro console",
                    Outcome.UNKNOWN,
                    tier.map(t ->
                                    "This server cannot see Kiro subscriptions. Check in the Kiro console that the Identity Center group '"
                                            + t.identityCenterGroup() + "' is subscribed to " + t.name()
                                            + "; a new subscription can take up to 24 h "
                                            + "to reach its members. If the user signs in through another identity source, or SSO is misconfigured, "
                                            + "Kiro shows \"There was an error signing you in\" as well.")
                            .orElse("No tier applies, so no Kiro subscription is involved yet."),
                    tier.<Map<String, Object>>map(
                                    t -> Map.of("identityCenterGroup", t.identityCenterGroup(), "tier", t.name()))
                            .orElse(Map.of())));
            return finish(userNameOrId, user.id(), user.userName(), checks);
        });
    }

    private static Optional<UserRecord> find(Directory tx, String userNameOrId) {
        return dev.kiroscim.core.directory.UserLookup.byIdOrUserName(tx.users(), userNameOrId);
    }

    private static Check identity(UserRecord user) {
        Map<String, Object> evidence = Map.of(
                "userId",
                user.id(),
                "userName",
                user.userName(),
                "active",
                user.active(),
                "lastModified",
                user.lastModified().toString());
        return user.active()
                ? new Check(
                        1,
                        "Known from the IdP and active",
                        Outcome.OK,
                        "Provisioned as '" + user.userName() + "' and active.",
                        evidence)
                : new Check(
                        1,
                        "Known from the IdP and active",
                        Outcome.BROKEN,
                        "The IdP deactivated '" + user.userName() + "' (active=false, last change "
                                + user.lastModified()
                                + "). Deactivated users hold no seat; re-enable or re-assign the user in the IdP.",
                        evidence);
    }

    /** Step 2: the user's groups, the pools they match, and near-misses. */
    private static List<Pool> groups(Directory tx, UserRecord user, Policy policy, List<Check> checks) {
        List<GroupRef> groups = tx.users().groupsOf(List.of(user.id())).getOrDefault(user.id(), List.of());
        List<Pool> matched = new ArrayList<>();
        List<String> nearMisses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (GroupRef g : groups) {
            names.add(g.displayName());
            List<Pool> pools = new ArrayList<>(policy.poolsForGroup(g.displayName()));
            tx.groups()
                    .find(g.groupId())
                    .map(GroupRecord::externalId)
                    .filter(x -> x != null)
                    .ifPresent(externalId -> policy.poolsForGroup(externalId).stream()
                            .filter(p -> !pools.contains(p))
                            .forEach(pools::add));
            matched.addAll(pools);
            if (pools.isEmpty()) {
                policy.pools().stream()
                        .filter(p -> GroupNameMatch.isNearMiss(g.displayName(), p.group()))
                        .forEach(p -> nearMisses.add("'" + g.displayName() + "' looks like pool group '" + p.group()
                                + "' but does not match it"));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("groups", names);
        evidence.put(
                "pools", matched.stream().map(p -> p.group() + " → " + p.tier()).toList());
        evidence.put("nearMisses", nearMisses);
        String title = "In a group that a policy pool entitles";
        if (!matched.isEmpty()) {
            checks.add(new Check(
                    2,
                    title,
                    Outcome.OK,
                    "Member of "
                            + String.join(
                                    ", ",
                                    matched.stream()
                                            .map(p -> "'" + p.group() + "' (" + p.tier() + ")")
                                            .toList())
                            + ".",
                    evidence));
        } else {
            String groupsText = names.isEmpty()
                    ? "is in no IdP group pushed here"
                    : "is in "
                            + String.join(
                                    ", ", names.stream().map(n -> "'" + n + "'").toList());
            String hint = nearMisses.isEmpty()
                    ? " None of these is a pool of the policy (pools: "
                            + String.join(
                                    ", ",
                                    policy.pools().stream().map(Pool::group).toList())
                            + "). Push or assign one of the pool groups to this user in the IdP."
                    : " " + String.join("; ", nearMisses)
                            + ": fix the group name in the IdP or the pool in the policy.";
            checks.add(new Check(2, title, Outcome.BROKEN, "The user " + groupsText + "." + hint, evidence));
        }
        return matched;
    }

    /** Per waitlisted pool whose queue a monthly budget holds up: why, e.g. "budget for Kiro-Platform exhausted …". */
    private Map<String, String> budgetHolds(Directory tx, Policy policy, Entitlement e) {
        Instant now = clock.instant();
        MonthlyBudgets budgets = new MonthlyBudgets(tx.seats(), policy, MonthlyBudgets.monthOf(now));
        Map<String, String> holds = new LinkedHashMap<>();
        for (Entitlement.WaitlistPosition w : e.waitlist()) {
            policy.pool(w.pool())
                    .flatMap(p -> budgets.holding(p, now))
                    .ifPresent(r -> holds.put(w.pool(), r.explain()));
        }
        return holds;
    }

    private static Check seat(UserRecord user, Entitlement e, List<Pool> pools, Map<String, String> budgetHolds) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("state", e.state().name());
        e.tier().ifPresent(t -> evidence.put("tier", t));
        e.pool().ifPresent(p -> evidence.put("pool", p));
        e.since().ifPresent(s -> evidence.put("since", s.toString()));
        e.expiresAt().ifPresent(x -> evidence.put("expiresAt", x.toString()));
        evidence.put(
                "waitlist",
                e.waitlist().stream()
                        .map(w -> Map.of("pool", w.pool(), "position", w.position()))
                        .toList());
        String title = "Holds a Kiro seat";
        switch (e.state()) {
            case ASSIGNED:
                return new Check(
                        3,
                        title,
                        Outcome.OK,
                        "Holds a " + e.tier().orElse("?") + " seat from pool '"
                                + e.pool().orElse("?")
                                + "' since " + e.since().map(Object::toString).orElse("?")
                                + e.expiresAt().map(x -> ", expiring " + x).orElse("") + ".",
                        evidence);
            case WAITLISTED:
                if (!budgetHolds.isEmpty()) {
                    evidence.put("budget", budgetHolds);
                }
                return new Check(
                        3,
                        title,
                        Outcome.BROKEN,
                        "Waiting for a seat: "
                                + String.join(
                                        ", ",
                                        e.waitlist().stream()
                                                .map(w -> budgetHolds.containsKey(w.pool())
                                                        ? "pool '" + w.pool() + "': " + budgetHolds.get(w.pool())
                                                                + ", position " + w.position() + " in line"
                                                        : "pool '" + w.pool() + "' is full, position " + w.position()
                                                                + " in line")
                                                .toList())
                                + ". A seat is given at once when one frees"
                                + (budgetHolds.isEmpty() ? "" : " and the budget allows it")
                                + ", or raise the pool's seats" + (budgetHolds.isEmpty() ? "" : " or monthlyBudgetUsd")
                                + " in the policy.",
                        evidence);
            case EXPIRED:
                return new Check(
                        3,
                        title,
                        Outcome.BROKEN,
                        "The time-limited grant expired (maxGrant of the pool). "
                                + "Removing the user from the group and adding them again starts a new grant.",
                        evidence);
            default:
                String why = !user.active()
                        ? "the user is deactivated"
                        : pools.isEmpty()
                                ? "the user is in no pool's group"
                                : "no pool had room and the user waits nowhere";
                return new Check(3, title, Outcome.BROKEN, "No seat: " + why + ".", evidence);
        }
    }

    /** Step 4: has the user reached Identity Center, and is work pending or failed? */
    private Check identityCenter(Directory tx, UserRecord user, Optional<IdentityCenterLink> link) {
        String mode = syncMode.get();
        List<Long> pending = tx.outbox().pendingIdsOf(user.id());
        Optional<DeadLetter> failed = tx.outbox().deadLetters(1000).stream()
                .filter(d -> d.userId().equals(user.id()))
                .findFirst();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("syncMode", mode);
        evidence.put("pendingItems", pending.size());
        link.ifPresent(l -> {
            evidence.put("identityStoreUserId", String.valueOf(l.identityCenterUserId()));
            evidence.put("origin", l.origin().name());
        });
        failed.ifPresent(d -> {
            evidence.put("lastError", d.lastError());
            evidence.put("failedAt", d.failedAt().toString());
            evidence.put("attempts", d.attempts());
        });
        String title = "Reached IAM Identity Center";
        if (failed.isPresent()) {
            return new Check(
                    4,
                    title,
                    Outcome.BROKEN,
                    "Sending this user to Identity Center failed "
                            + failed.get().attempts()
                            + " times; last error at " + failed.get().failedAt() + ": "
                            + failed.get().lastError()
                            + ". Fix the cause, then POST /admin/v1/sync/retry.",
                    evidence);
        }
        if ("plan-only".equals(mode)) {
            return new Check(
                    4,
                    title,
                    Outcome.BROKEN,
                    "Identity Center sync runs in plan-only mode (no identityCenter.identityStoreId "
                            + "configured), so nothing is sent to IAM Identity Center. See docs/aws.md.",
                    evidence);
        }
        if (link.isPresent() && link.get().identityCenterUserId() != null) {
            String origin = link.get().origin() == IdentityCenterLink.Origin.ADOPTED
                    ? " (an existing Identity Store user with the same userName, adopted)"
                    : "";
            return new Check(
                    4,
                    title,
                    pending.isEmpty() ? Outcome.OK : Outcome.WARNING,
                    "Identity Store user " + link.get().identityCenterUserId() + origin
                            + (pending.isEmpty() ? "." : "; " + pending.size() + " change(s) still queued for it."),
                    evidence);
        }
        return new Check(
                4,
                title,
                pending.isEmpty() ? Outcome.BROKEN : Outcome.WARNING,
                pending.isEmpty()
                        ? "Not in Identity Center: nothing was sent because the user holds no seat."
                        : "Not in Identity Center yet: " + pending.size()
                                + " change(s) queued (see GET /admin/v1/sync).",
                evidence);
    }

    /** Step 5: in the tier's group, and when a reconcile last confirmed it. */
    private static Check tierGroup(
            Directory tx, Entitlement e, Optional<Tier> tier, Optional<IdentityCenterLink> link) {
        Optional<ReconcileReport> last = tx.identityCenterLinks().lastReconcile();
        Map<String, Object> evidence = new LinkedHashMap<>();
        last.ifPresent(r -> {
            evidence.put("lastReconcileAt", r.at().toString());
            evidence.put("lastReconcileDrift", r.drift());
        });
        link.ifPresent(l ->
                evidence.put("identityCenterGroups", List.copyOf(l.memberships().keySet())));
        String title = "In the tier's Identity Center group";
        if (tier.isEmpty()) {
            return new Check(5, title, Outcome.BROKEN, "No tier, so the user belongs in no Kiro tier group.", evidence);
        }
        String group = tier.get().identityCenterGroup();
        evidence.put("expectedGroup", group);
        String confirmed = last.map(r -> " Last reconcile: " + r.at()
                        + (r.drift() > 0 ? " (" + r.drift() + " drift repaired)" : "") + ".")
                .orElse(" No reconcile has run yet.");
        if (link.isPresent() && link.get().memberships().containsKey(group)) {
            return new Check(
                    5,
                    title,
                    Outcome.OK,
                    "Member of '" + group + "' (" + tier.get().name() + ")." + confirmed,
                    evidence);
        }
        return new Check(
                5,
                title,
                Outcome.BROKEN,
                "Not (yet) a member of '" + group + "' in Identity Center." + confirmed,
                evidence);
    }

    private static Explanation finish(String query, String userId, String userName, List<Check> checks) {
        String verdict = checks.stream()
                .filter(c -> c.outcome() == Outcome.BROKEN)
                .findFirst()
                .map(c -> "Step " + c.step() + " (" + c.title() + "): " + c.message())
                .orElse("Everything this server controls is in place. What remains is outside it: the Kiro console "
                        + "subscription of the tier group (up to 24 h to propagate) and the user's SSO sign-in.");
        return new Explanation(query, userId, userName, verdict, checks);
    }
}
