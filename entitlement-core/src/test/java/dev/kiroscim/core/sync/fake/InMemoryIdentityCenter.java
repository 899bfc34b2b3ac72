package dev.kiroscim.core.sync.fake;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.TokenPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Identity Store in memory, with the real service's semantics and with fault injection, for tests of the sync
 * that need no network: throttling, 500s, timeouts and "crash after send" on chosen calls.
 *
 * <p>Semantics modelled (as documented in {@code aws-identitystore.md} and implemented by the moto extension):
 * ConflictException on a duplicate userName, email or group displayName; a duplicate membership is
 * {@link AddMembershipResult.AlreadyMember}; unknown ids are not found (deletes answer {@code false}); deleting a
 * user or group deletes its memberships; a userName with whitespace, longer than 128, or one of the reserved names
 * {@code Administrator} / {@code AWSAdministrators} is a ValidationException. Uniqueness is case-sensitive, like
 * moto (the real service's case rule is not documented).
 *
 * <p>Every port call counts one call per Identity Store API call it stands for ({@link #callCount}), including
 * calls that fail by injection. Example:
 * <pre>{@code
 * store.injectFaults(IdentityCenterOperation.CREATE_USER, Fault.CRASH_AFTER_SEND, 1);
 * store.createUser(profile);     // creates the user, then throws IdentityCenterUnavailable
 * store.createUser(profile);     // the worker's retry: IdentityCenterConflict, so it looks the user up and adopts
 * }</pre>
 * Thread-safe: every call is atomic.
 */
public final class InMemoryIdentityCenter implements IdentityCenterDirectory {

    /** What an injected fault does to the call it hits. */
    public enum Fault {
        /** ThrottlingException with RetryAfterSeconds = {@link #THROTTLED_RETRY_AFTER}; no effect. */
        THROTTLED,
        /** InternalServerException (HTTP 500); no effect. */
        UNAVAILABLE,
        /** The request timed out before reaching the service; no effect. */
        TIMEOUT,
        /** The call takes effect, but the answer is lost: it throws IdentityCenterUnavailable afterwards. */
        CRASH_AFTER_SEND
    }

    public static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Pattern USER_NAME = Pattern.compile("\\S{1,128}");
    private static final Set<String> RESERVED_NAMES = Set.of("administrator", "awsadministrators");

    private record PlannedFault(IdentityCenterOperation onlyFor, Fault fault) {
        boolean appliesTo(IdentityCenterOperation operation) {
            return onlyFor == null || onlyFor == operation;
        }
    }

    private final int pageSize;
    private final TreeMap<String, IdentityCenterUser> users = new TreeMap<>();
    private final TreeMap<String, String> groups = new TreeMap<>(); // groupId -> displayName
    private final TreeMap<String, IdentityCenterMembership> memberships = new TreeMap<>();
    private final List<PlannedFault> faults = new ArrayList<>();
    private final Map<IdentityCenterOperation, Integer> calls = new EnumMap<>(IdentityCenterOperation.class);
    private long requests;

    public InMemoryIdentityCenter() {
        this(MAX_PAGE_SIZE);
    }

    /** @param pageSize items per listed page, 1..{@value IdentityCenterDirectory#MAX_PAGE_SIZE} */
    public InMemoryIdentityCenter(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ": " + pageSize);
        }
        this.pageSize = pageSize;
    }

    // ------------------------------------------------------------------ fault injection and call counting

    /** The next {@code count} calls, of any operation, fail with {@code fault}. */
    public synchronized void injectFaults(Fault fault, int count) {
        plan(null, fault, count);
    }

    /** The next {@code count} calls of {@code operation} fail with {@code fault}; other calls are unaffected. */
    public synchronized void injectFaults(IdentityCenterOperation operation, Fault fault, int count) {
        plan(Objects.requireNonNull(operation, "operation"), fault, count);
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Injected faults not yet used up. */
    public synchronized int pendingFaults() {
        return faults.size();
    }

    /** API calls made for {@code operation}, failed ones included. */
    public synchronized int callCount(IdentityCenterOperation operation) {
        return calls.getOrDefault(operation, 0);
    }

    public synchronized int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized Map<IdentityCenterOperation, Integer> callCounts() {
        return Map.copyOf(calls);
    }

    public synchronized void resetCallCounts() {
        calls.clear();
    }

    // ------------------------------------------------------------------ inspection (no calls counted)

    public synchronized Optional<IdentityCenterUser> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    public synchronized List<IdentityCenterUser> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<String> groupDisplayName(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    /** The user ids in {@code groupId}, sorted. */
    public synchronized Set<String> memberIds(String groupId) {
        return memberships.values().stream()
                .filter(m -> m.groupId().equals(groupId))
                .map(IdentityCenterMembership::userId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public synchronized List<IdentityCenterMembership> memberships() {
        return List.copyOf(memberships.values());
    }

    // ------------------------------------------------------------------ the port

    @Override
    public String createUser(IdentityCenterUserProfile profile) {
        IdentityCenterOperation op = IdentityCenterOperation.CREATE_USER;
        return invoke(op, () -> {
            checkUserName(op, profile.userName());
            checkUnique(op, u -> u.userName().equals(profile.userName()), "Duplicate UserName");
            if (profile.email() != null) {
                checkUnique(op, u -> profile.email().equals(u.email()), "Duplicate Email");
            }
            String id = UUID.randomUUID().toString();
            users.put(
                    id,
                    new IdentityCenterUser(
                            id,
                            profile.userName(),
                            profile.displayName(),
                            profile.givenName(),
                            profile.familyName(),
                            profile.email()));
            return id;
        });
    }

    @Override
    public void updateUser(String userId, List<IdentityCenterUserChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        IdentityCenterOperation op = IdentityCenterOperation.UPDATE_USER;
        invoke(op, () -> {
            IdentityCenterUser user = users.get(userId);
            if (user == null) {
                throw notFound(op, "USER", userId);
            }
            for (IdentityCenterUserChange change : changes) {
                user = apply(op, user, change);
            }
            users.put(userId, user);
            return null;
        });
    }

    @Override
    public boolean deleteUser(String userId) {
        return invoke(IdentityCenterOperation.DELETE_USER, () -> {
            if (users.remove(userId) == null) {
                return false;
            }
            memberships.values().removeIf(m -> m.userId().equals(userId)); // cascade, as the service does
            return true;
        });
    }

    @Override
    public Optional<String> findUserIdByUserName(String userName) {
        return invoke(
                IdentityCenterOperation.GET_USER_ID,
                () -> users.values().stream()
                        .filter(u -> u.userName().equals(userName))
                        .map(IdentityCenterUser::id)
                        .findFirst());
    }

    @Override
    public Optional<String> findGroupIdByDisplayName(String displayName) {
        return invoke(
                IdentityCenterOperation.GET_GROUP_ID,
                () -> groups.entrySet().stream()
                        .filter(g -> g.getValue().equals(displayName))
                        .map(Map.Entry::getKey)
                        .findFirst());
    }

    @Override
    public String createGroup(String displayName) {
        IdentityCenterOperation op = IdentityCenterOperation.CREATE_GROUP;
        return invoke(op, () -> {
            if (displayName == null || displayName.isBlank() || displayName.length() > 1024) {
                throw rejected(op, "displayName must be 1-1024 characters");
            }
            if (RESERVED_NAMES.contains(displayName.toLowerCase(Locale.ROOT))) {
                throw rejected(op, "displayName " + displayName + " is reserved");
            }
            if (groups.containsValue(displayName)) {
                throw conflict(op, "Duplicate GroupDisplayName");
            }
            String id = UUID.randomUUID().toString();
            groups.put(id, displayName);
            return id;
        });
    }

    @Override
    public AddMembershipResult addMembership(String groupId, String userId) {
        IdentityCenterOperation op = IdentityCenterOperation.CREATE_GROUP_MEMBERSHIP;
        return invoke(op, () -> {
            if (!groups.containsKey(groupId)) {
                throw notFound(op, "GROUP", groupId);
            }
            if (!users.containsKey(userId)) {
                throw notFound(op, "USER", userId);
            }
            if (findMembership(groupId, userId).isPresent()) {
                return new AddMembershipResult
                        .AlreadyMember(); // the service's ConflictException, as the port reports it
            }
            String id = UUID.randomUUID().toString();
            memberships.put(id, new IdentityCenterMembership(id, groupId, userId));
            return new AddMembershipResult.Added(id);
        });
    }

    @Override
    public boolean removeMembership(String groupId, String userId) {
        Optional<String> membershipId = invoke(
                IdentityCenterOperation.GET_GROUP_MEMBERSHIP_ID,
                () -> findMembership(groupId, userId).map(IdentityCenterMembership::membershipId));
        return membershipId.map(this::removeMembershipById).orElse(false);
    }

    @Override
    public boolean removeMembershipById(String membershipId) {
        return invoke(IdentityCenterOperation.DELETE_GROUP_MEMBERSHIP, () -> memberships.remove(membershipId) != null);
    }

    @Override
    public Stream<List<IdentityCenterMembership>> groupMembershipPages(String groupId) {
        return TokenPages.stream(token -> invoke(
                IdentityCenterOperation.LIST_GROUP_MEMBERSHIPS,
                () -> page(memberships, token, m -> m.groupId().equals(groupId))));
    }

    @Override
    public Stream<List<IdentityCenterUser>> userPages() {
        return TokenPages.stream(
                token -> invoke(IdentityCenterOperation.LIST_USERS, () -> page(users, token, u -> true)));
    }

    // ------------------------------------------------------------------ internals

    private void plan(IdentityCenterOperation operation, Fault fault, int count) {
        Objects.requireNonNull(fault, "fault");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (int i = 0; i < count; i++) {
            faults.add(new PlannedFault(operation, fault));
        }
    }

    private synchronized <T> T invoke(IdentityCenterOperation op, Supplier<T> effect) {
        calls.merge(op, 1, Integer::sum);
        requests++;
        Fault fault = takeFault(op);
        if (fault == null) {
            return effect.get();
        }
        switch (fault) {
            case THROTTLED:
                throw new IdentityCenterThrottled(
                        op, THROTTLED_RETRY_AFTER, "Rate exceeded (injected)", requestId(), null);
            case UNAVAILABLE:
                throw new IdentityCenterUnavailable(op, null, "InternalServerException (injected)", requestId(), null);
            case TIMEOUT:
                throw new IdentityCenterUnavailable(
                        op, null, "timed out before reaching the service (injected)", null, null);
            case CRASH_AFTER_SEND:
                effect.get();
                throw new IdentityCenterUnavailable(
                        op, null, "timed out after the call took effect (injected)", null, null);
            default:
                throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private Fault takeFault(IdentityCenterOperation op) {
        for (Iterator<PlannedFault> it = faults.iterator(); it.hasNext(); ) {
            PlannedFault planned = it.next();
            if (planned.appliesTo(op)) {
                it.remove();
                return planned.fault();
            }
        }
        return null;
    }

    private <T> TokenPages.Page<T> page(TreeMap<String, T> all, String token, Predicate<T> include) {
        Map<String, T> after = token == null ? all : all.tailMap(token, false);
        List<T> items = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        for (Map.Entry<String, T> entry : after.entrySet()) {
            if (!include.test(entry.getValue())) {
                continue;
            }
            if (items.size() < pageSize) {
                items.add(entry.getValue());
                lastKey = entry.getKey();
            } else {
                more = true;
                break;
            }
        }
        return new TokenPages.Page<>(items, more ? lastKey : null);
    }

    private IdentityCenterUser apply(
            IdentityCenterOperation op, IdentityCenterUser user, IdentityCenterUserChange change) {
        String value = change.newValue();
        switch (change.attribute()) {
            case USER_NAME:
                checkUserName(op, value);
                checkUnique(op, u -> u.userName().equals(value) && !u.id().equals(user.id()), "Duplicate UserName");
                return new IdentityCenterUser(
                        user.id(), value, user.displayName(), user.givenName(), user.familyName(), user.email());
            case DISPLAY_NAME:
                return new IdentityCenterUser(
                        user.id(), user.userName(), value, user.givenName(), user.familyName(), user.email());
            case GIVEN_NAME:
                return new IdentityCenterUser(
                        user.id(), user.userName(), user.displayName(), value, user.familyName(), user.email());
            case FAMILY_NAME:
                return new IdentityCenterUser(
                        user.id(), user.userName(), user.displayName(), user.givenName(), value, user.email());
            case EMAIL:
                if (value != null) {
                    checkUnique(op, u -> value.equals(u.email()) && !u.id().equals(user.id()), "Duplicate Email");
                }
                return new IdentityCenterUser(
                        user.id(), user.userName(), user.displayName(), user.givenName(), user.familyName(), value);
            default:
                throw new IllegalStateException("unknown attribute " + change.attribute());
        }
    }

    private Optional<IdentityCenterMembership> findMembership(String groupId, String userId) {
        return memberships.values().stream()
                .filter(m -> m.groupId().equals(groupId) && m.userId().equals(userId))
                .findFirst();
    }

    private void checkUserName(IdentityCenterOperation op, String userName) {
        if (!USER_NAME.matcher(userName).matches()) {
            throw rejected(op, "userName must be 1-128 characters without whitespace");
        }
        if (RESERVED_NAMES.contains(userName.toLowerCase(Locale.ROOT))) {
            throw rejected(op, "userName " + userName + " is reserved");
        }
    }

    private void checkUnique(IdentityCenterOperation op, Predicate<IdentityCenterUser> clash, String message) {
        if (users.values().stream().anyMatch(clash)) {
            throw conflict(op, message);
        }
    }

    private IdentityCenterNotFound notFound(IdentityCenterOperation op, String type, String id) {
        return new IdentityCenterNotFound(op, type, id, type + " not found.", requestId(), null);
    }

    private IdentityCenterConflict conflict(IdentityCenterOperation op, String message) {
        return new IdentityCenterConflict(
                op, IdentityCenterConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION, message, requestId(), null);
    }

    private IdentityCenterRejected rejected(IdentityCenterOperation op, String message) {
        return new IdentityCenterRejected(op, "ValidationException", message, requestId(), null);
    }

    private String requestId() {
        return "fake-" + requests;
    }
}
