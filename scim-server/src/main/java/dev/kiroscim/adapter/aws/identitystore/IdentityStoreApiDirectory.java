package dev.kiroscim.adapter.aws.identitystore;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.CallFence;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserAttribute;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.TokenPages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClientBuilder;
import software.amazon.awssdk.services.identitystore.model.AlternateIdentifier;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsResponse;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.MemberId;
import software.amazon.awssdk.services.identitystore.model.User;

/**
 * {@link IdentityCenterDirectory} on the AWS SDK v2 {@link IdentitystoreClient}.
 *
 * <p>Every call first takes a token from a {@link TokenBucket} at {@code maxRequestsPerSecond} (or from a cluster's
 * shared budget), runs the thread's {@link CallFence}, then makes
 * exactly one request: the SDK's own retries are off ({@code maxAttempts 1}) because the outbox worker owns
 * retries, backoff and {@code RetryAfterSeconds}. SDK exceptions become {@code IdentityCenterException}s via
 * {@link AwsErrors}.
 *
 * <pre>{@code
 * try (IdentityStoreApiDirectory store = IdentityStoreApiDirectory.create(IdentityStoreApiConfig.of("d-1234567890", "us-east-1"))) {
 *     store.findGroupIdByDisplayName("kiro-pro");
 * }
 * }</pre>
 */
public final class IdentityStoreApiDirectory implements IdentityCenterDirectory, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final String EMAIL_TYPE = "work";

    private final IdentitystoreClient client;
    private final String identityStoreId;
    private final IdentityCenterRateLimit rateLimit;
    private final int pageSize;

    /** Uses the SDK's default credentials chain (environment, profile, container or instance role). */
    public static IdentityStoreApiDirectory create(IdentityStoreApiConfig config) {
        return create(config, DefaultCredentialsProvider.builder().build());
    }

    /** Uses the given credentials, e.g. static ones against an emulator. */
    public static IdentityStoreApiDirectory create(IdentityStoreApiConfig config, AwsCredentialsProvider credentials) {
        return new IdentityStoreApiDirectory(
                buildClient(config, credentials),
                config.identityStoreId(),
                new TokenBucket(config.maxRequestsPerSecond()),
                MAX_PAGE_SIZE);
    }

    /**
     * Uses the given credentials and a rate budget shared with other replicas instead of this process's own token
     * bucket ({@code config.maxRequestsPerSecond()} is then the shared budget's business).
     */
    public static IdentityStoreApiDirectory create(
            IdentityStoreApiConfig config, AwsCredentialsProvider credentials, IdentityCenterRateLimit rateLimit) {
        return new IdentityStoreApiDirectory(
                buildClient(config, credentials), config.identityStoreId(), rateLimit, MAX_PAGE_SIZE);
    }

    /** The SDK's default credentials chain, with a shared rate budget. */
    public static IdentityStoreApiDirectory create(IdentityStoreApiConfig config, IdentityCenterRateLimit rateLimit) {
        return create(config, DefaultCredentialsProvider.builder().build(), rateLimit);
    }

    /**
     * For tests and special wiring: an existing client (closed by {@link #close()}), a rate limit and a
     * page size of 1..{@value IdentityCenterDirectory#MAX_PAGE_SIZE}.
     */
    IdentityStoreApiDirectory(
            IdentitystoreClient client, String identityStoreId, IdentityCenterRateLimit rateLimit, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ": " + pageSize);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.identityStoreId = Objects.requireNonNull(identityStoreId, "identityStoreId");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.pageSize = pageSize;
    }

    /** A copy that lists with smaller pages (to exercise paging against an emulator); shares the client. */
    public IdentityStoreApiDirectory withPageSize(int newPageSize) {
        return new IdentityStoreApiDirectory(client, identityStoreId, rateLimit, newPageSize);
    }

    static IdentitystoreClient buildClient(IdentityStoreApiConfig config, AwsCredentialsProvider credentials) {
        IdentitystoreClientBuilder builder = IdentitystoreClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(CALL_TIMEOUT));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    @Override
    public String createUser(IdentityCenterUserProfile profile) {
        return call(
                IdentityCenterOperation.CREATE_USER,
                () -> client.createUser(r -> {
                            r.identityStoreId(identityStoreId)
                                    .userName(profile.userName())
                                    .displayName(profile.displayName())
                                    .name(n -> n.givenName(profile.givenName()).familyName(profile.familyName()));
                            if (profile.email() != null) {
                                r.emails(email(profile.email()));
                            }
                        })
                        .userId());
    }

    @Override
    public void updateUser(String userId, List<IdentityCenterUserChange> changes) {
        if (changes.isEmpty()) {
            return; // the service rejects an empty Operations list, and nothing to do costs nothing
        }
        List<AttributeOperation> operations =
                changes.stream().map(IdentityStoreApiDirectory::operation).toList();
        call(
                IdentityCenterOperation.UPDATE_USER,
                () -> client.updateUser(
                        r -> r.identityStoreId(identityStoreId).userId(userId).operations(operations)));
    }

    @Override
    public boolean deleteUser(String userId) {
        try {
            call(
                    IdentityCenterOperation.DELETE_USER,
                    () -> client.deleteUser(
                            r -> r.identityStoreId(identityStoreId).userId(userId)));
            return true;
        } catch (IdentityCenterNotFound alreadyGone) {
            return false;
        }
    }

    @Override
    public Optional<String> findUserIdByUserName(String userName) {
        AlternateIdentifier byUserName = AlternateIdentifier.builder()
                .uniqueAttribute(u -> u.attributePath("userName").attributeValue(Document.fromString(userName)))
                .build();
        try {
            return Optional.of(call(
                    IdentityCenterOperation.GET_USER_ID,
                    () -> client.getUserId(
                                    r -> r.identityStoreId(identityStoreId).alternateIdentifier(byUserName))
                            .userId()));
        } catch (IdentityCenterNotFound none) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> findGroupIdByDisplayName(String displayName) {
        AlternateIdentifier byDisplayName = AlternateIdentifier.builder()
                .uniqueAttribute(u -> u.attributePath("displayName").attributeValue(Document.fromString(displayName)))
                .build();
        try {
            return Optional.of(call(
                    IdentityCenterOperation.GET_GROUP_ID,
                    () -> client.getGroupId(
                                    r -> r.identityStoreId(identityStoreId).alternateIdentifier(byDisplayName))
                            .groupId()));
        } catch (IdentityCenterNotFound none) {
            return Optional.empty();
        }
    }

    @Override
    public String createGroup(String displayName) {
        return call(
                IdentityCenterOperation.CREATE_GROUP,
                () -> client.createGroup(r -> r.identityStoreId(identityStoreId).displayName(displayName))
                        .groupId());
    }

    @Override
    public AddMembershipResult addMembership(String groupId, String userId) {
        try {
            return new AddMembershipResult.Added(call(
                    IdentityCenterOperation.CREATE_GROUP_MEMBERSHIP,
                    () -> client.createGroupMembership(r -> r.identityStoreId(identityStoreId)
                                    .groupId(groupId)
                                    .memberId(member(userId)))
                            .membershipId()));
        } catch (IdentityCenterConflict conflict) {
            if (conflict.reason() == IdentityCenterConflict.Reason.CONCURRENT_MODIFICATION) {
                throw conflict;
            }
            return new AddMembershipResult.AlreadyMember();
        }
    }

    @Override
    public boolean removeMembership(String groupId, String userId) {
        String membershipId;
        try {
            membershipId = call(
                    IdentityCenterOperation.GET_GROUP_MEMBERSHIP_ID,
                    () -> client.getGroupMembershipId(r -> r.identityStoreId(identityStoreId)
                                    .groupId(groupId)
                                    .memberId(member(userId)))
                            .membershipId());
        } catch (IdentityCenterNotFound notAMember) {
            return false;
        }
        return removeMembershipById(membershipId);
    }

    @Override
    public boolean removeMembershipById(String membershipId) {
        try {
            call(
                    IdentityCenterOperation.DELETE_GROUP_MEMBERSHIP,
                    () -> client.deleteGroupMembership(
                            r -> r.identityStoreId(identityStoreId).membershipId(membershipId)));
            return true;
        } catch (IdentityCenterNotFound alreadyGone) {
            return false;
        }
    }

    @Override
    public Stream<List<IdentityCenterMembership>> groupMembershipPages(String groupId) {
        return TokenPages.stream(token -> {
            ListGroupMembershipsResponse page = call(
                    IdentityCenterOperation.LIST_GROUP_MEMBERSHIPS,
                    () -> client.listGroupMemberships(r -> r.identityStoreId(identityStoreId)
                            .groupId(groupId)
                            .maxResults(pageSize)
                            .nextToken(token)));
            List<IdentityCenterMembership> memberships = page.groupMemberships().stream()
                    .filter(m -> m.memberId() != null && m.memberId().userId() != null)
                    .map(m -> new IdentityCenterMembership(
                            m.membershipId(), m.groupId(), m.memberId().userId()))
                    .toList();
            return new TokenPages.Page<>(memberships, page.nextToken());
        });
    }

    @Override
    public Stream<List<IdentityCenterUser>> userPages() {
        return TokenPages.stream(token -> {
            ListUsersResponse page = call(
                    IdentityCenterOperation.LIST_USERS,
                    () -> client.listUsers(r -> r.identityStoreId(identityStoreId)
                            .maxResults(pageSize)
                            .nextToken(token)));
            return new TokenPages.Page<>(
                    page.users().stream()
                            .map(IdentityStoreApiDirectory::toIdentityCenterUser)
                            .toList(),
                    page.nextToken());
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(IdentityCenterOperation operation, Supplier<T> request) {
        CallFence.awaitTurn(rateLimit, operation); // the fence after the wait: a claim lost meanwhile stops the call
        try {
            return request.get();
        } catch (SdkException error) {
            throw AwsErrors.map(operation, error);
        }
    }

    private static MemberId member(String userId) {
        return MemberId.builder().userId(userId).build();
    }

    private static Email email(String address) {
        return Email.builder().value(address).type(EMAIL_TYPE).primary(true).build();
    }

    /** {@code emails} is multi-valued in the service: replace the whole (one-element) list or remove it. */
    private static AttributeOperation operation(IdentityCenterUserChange change) {
        AttributeOperation.Builder operation =
                AttributeOperation.builder().attributePath(change.attribute().attributePath());
        if (change.newValue() == null) {
            return operation.build();
        }
        if (change.attribute() == IdentityCenterUserAttribute.EMAIL) {
            return operation
                    .attributeValue(Document.fromList(List.of(Document.fromMap(Map.of(
                            "Value", Document.fromString(change.newValue()),
                            "Type", Document.fromString(EMAIL_TYPE),
                            "Primary", Document.fromBoolean(true))))))
                    .build();
        }
        return operation.attributeValue(Document.fromString(change.newValue())).build();
    }

    private static IdentityCenterUser toIdentityCenterUser(User user) {
        String email = user.emails().stream()
                .filter(e -> Boolean.TRUE.equals(e.primary()))
                .findFirst()
                .or(() -> user.emails().stream().findFirst())
                .map(Email::value)
                .orElse(null);
        String given = user.name() == null ? null : user.name().givenName();
        String family = user.name() == null ? null : user.name().familyName();
        return new IdentityCenterUser(user.userId(), user.userName(), user.displayName(), given, family, email);
    }
}
