package dev.kiroscim.server.http;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.TokenStore;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@link Transactions} whose only stores are tokens (by hash) and the audit log, in memory, recording what the edge
 * asked of them: which hashes were looked up, which audit events were appended, which uses were recorded.
 */
final class FakeTokenDatabase implements Transactions {

    /** One appended audit event, flattened for assertions. */
    record Audited(String type, String actor, String source, String requestId, Map<String, Object> details) {}

    /** One {@link TokenStore#recordUse} call. */
    record Use(String hash, Instant at, String sourceIp) {}

    final Map<String, ApiToken> tokensByHash = new ConcurrentHashMap<>();
    final List<String> lookedUp = new CopyOnWriteArrayList<>();
    final List<Audited> audited = new CopyOnWriteArrayList<>();
    final List<Use> uses = new CopyOnWriteArrayList<>();
    volatile boolean up = true;
    volatile boolean auditFails;
    volatile boolean writesFail;
    volatile int writes;

    void add(ApiToken token) {
        tokensByHash.put(token.hash(), token);
    }

    /** A SCIM token with the secret {@code secret}; {@code expires} and {@code allowFrom} may be null. */
    void addScimToken(String name, String secret, Instant created, Instant expires, String allowFrom) {
        add(new ApiToken(
                name,
                dev.kiroscim.core.auth.TokenHash.of(secret),
                dev.kiroscim.core.auth.Scope.SCIM,
                created,
                expires,
                allowFrom == null ? null : dev.kiroscim.core.net.AddressRanges.parse(allowFrom),
                null,
                null));
    }

    void revoke(String name) {
        tokensByHash.values().removeIf(t -> t.name().equals(name));
    }

    @Override
    public <T> T write(Function<Directory, T> work) {
        writes++;
        if (writesFail) {
            throw new IllegalStateException("database unavailable");
        }
        return work.apply(directory());
    }

    @Override
    public <T> T read(Function<Directory, T> work) {
        return work.apply(directory());
    }

    @Override
    public boolean ping() {
        return up;
    }

    private Directory directory() {
        TokenStore tokens = proxy(TokenStore.class, (name, args) -> switch (name) {
            case "findByHash" -> {
                lookedUp.add((String) args[0]);
                yield Optional.ofNullable(tokensByHash.get((String) args[0]));
            }
            case "recordUse" -> {
                uses.add(new Use((String) args[0], (Instant) args[1], (String) args[2]));
                yield null;
            }
            default -> throw new UnsupportedOperationException(name);
        });
        AuditLog audit = proxy(AuditLog.class, (name, args) -> {
            if (!name.equals("append")) {
                throw new UnsupportedOperationException(name);
            }
            if (auditFails) {
                throw new IllegalStateException("audit log unavailable");
            }
            ChangeContext context = (ChangeContext) args[0];
            AuditEntry entry = (AuditEntry) args[1];
            audited.add(new Audited(
                    entry.type(), context.actor(), context.by().sourceAddress(), context.requestId(), entry.details()));
            return null;
        });
        return proxy(Directory.class, (name, args) -> switch (name) {
            case "tokens" -> tokens;
            case "audit" -> audit;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(
                FakeTokenDatabase.class.getClassLoader(),
                new Class<?>[] {type},
                (p, m, args) -> m.getDeclaringClass() == Object.class
                        ? m.invoke(handler, args)
                        : handler.handle(m.getName(), args)));
    }
}
