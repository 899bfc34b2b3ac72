package dev.kiroscim.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Sessions: idle timeout, activity written at most every 30 s, sign-out, single-use logins, and what is audited. */
class ConsoleSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);

    private final MemoryStore store = new MemoryStore();
    private final List<String> audited = new ArrayList<>();
    private Instant now = T0;
    private final ConsoleSessions sessions = new ConsoleSessions(store, new AuditOnly(), IDLE, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aSessionLastsWhileUsed_andEndsAfterTheIdleTimeout() {
        ConsoleSessions.SignedIn in = sessions.signIn("ann", ConsoleRole.ADMIN, ConsoleSession.VIA_TOKEN, "r1");
        assertThat(in.cookieValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(store.sessions).doesNotContainKey(in.cookieValue()); // only the hash is stored
        now = T0.plus(IDLE).minusSeconds(1);
        assertThat(sessions.resolve(in.cookieValue())).isPresent(); // and this use counts as activity
        now = now.plus(IDLE).minusSeconds(1);
        assertThat(sessions.resolve(in.cookieValue())).isPresent();
        now = now.plus(IDLE).plusSeconds(1);
        assertThat(sessions.resolve(in.cookieValue())).isEmpty();
        assertThat(store.sessions).isEmpty();
        assertThat(audited)
                .containsExactly(
                        "ann (console) console.signed-in {role=admin, via=token}",
                        "ann (console) console.signed-out {reason=idle}");
    }

    @Test
    void activityIsWrittenAtMostEveryThirtySeconds() {
        ConsoleSessions.SignedIn in = sessions.signIn("ann", ConsoleRole.ADMIN, ConsoleSession.VIA_TOKEN, "r1");
        for (int s = 1; s <= 30; s++) {
            now = T0.plusSeconds(s);
            sessions.resolve(in.cookieValue());
        }
        assertThat(store.touches).isZero();
        now = T0.plusSeconds(31);
        sessions.resolve(in.cookieValue());
        assertThat(store.touches).isEqualTo(1);
    }

    @Test
    void signOutEndsTheSession_andUnknownCookiesResolveToNothing() {
        ConsoleSessions.SignedIn in = sessions.signIn("vera", ConsoleRole.READ_ONLY, ConsoleSession.VIA_OIDC, "r1");
        assertThat(in.session().csrfToken()).hasSize(64).isNotEqualTo(in.cookieValue());
        sessions.signOut(in.cookieValue(), "r2");
        assertThat(sessions.resolve(in.cookieValue())).isEmpty();
        for (String bad : new String[] {null, "", "x".repeat(200), "not-a-session"}) {
            assertThat(sessions.resolve(bad)).isEmpty();
        }
        assertThat(audited).last().isEqualTo("vera (console) console.signed-out {reason=signed-out}");
    }

    @Test
    void aLoginCanFinishOnce_andOnlyWithinTenMinutes() {
        sessions.startLogin("state-1", "verifier-1", "nonce-1");
        assertThat(sessions.finishLogin("state-1"))
                .map(ConsoleSessionStore.PendingLogin::codeVerifier)
                .contains("verifier-1");
        assertThat(sessions.finishLogin("state-1")).isEmpty();
        sessions.startLogin("state-2", "verifier-2", "nonce-2");
        now = T0.plus(Duration.ofMinutes(11));
        assertThat(sessions.finishLogin("state-2")).isEmpty();
        assertThat(sessions.finishLogin(null)).isEmpty();
    }

    @Test
    void actionsAndRefusalsAreAuditedWithThePersonAsActor() {
        ConsoleSession s = sessions.signIn("ann", ConsoleRole.ADMIN, ConsoleSession.VIA_TOKEN, "r1")
                .session();
        sessions.recordAction(s, "POST", "/admin/v1/sync/retry", 200, "r2");
        sessions.refused("nick", ConsoleSession.VIA_OIDC, "in no console group", "r3");
        assertThat(audited)
                .containsSubsequence(
                        "ann (console) console.action {method=POST, path=/admin/v1/sync/retry, status=200}",
                        "nick (console) console.sign-in-refused {reason=in no console group, via=oidc}");
    }

    /** Transactions whose only store is an audit log that records "actor type details". */
    private final class AuditOnly implements Transactions {
        @Override
        public <T> T write(Function<Directory, T> work) {
            AuditLog log = (AuditLog) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {AuditLog.class}, (p, m, args) -> {
                        if (m.getName().equals("append")) {
                            ChangeContext ctx = (ChangeContext) args[0];
                            AuditEntry e = (AuditEntry) args[1];
                            audited.add(ctx.actor() + " " + e.type() + " " + e.details());
                            return null;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
            Directory directory = (Directory) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Directory.class}, (p, m, args) -> {
                        if (m.getName().equals("audit")) {
                            return log;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
            return work.apply(directory);
        }

        @Override
        public <T> T read(Function<Directory, T> work) {
            return write(work);
        }

        @Override
        public boolean ping() {
            return true;
        }
    }

    private static final class MemoryStore implements ConsoleSessionStore {
        final Map<String, ConsoleSession> sessions = new HashMap<>();
        final Map<String, PendingLogin> logins = new HashMap<>();
        int touches;

        @Override
        public void create(String idHash, ConsoleSession session) {
            sessions.put(idHash, session);
        }

        @Override
        public Optional<ConsoleSession> find(String idHash) {
            return Optional.ofNullable(sessions.get(idHash));
        }

        @Override
        public void touch(String idHash, Instant at) {
            touches++;
            sessions.computeIfPresent(
                    idHash,
                    (k, s) -> new ConsoleSession(s.person(), s.role(), s.via(), s.csrfToken(), s.created(), at));
        }

        @Override
        public void delete(String idHash) {
            sessions.remove(idHash);
        }

        @Override
        public int deleteIdleBefore(Instant cutoff) {
            int before = sessions.size();
            sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
            return before - sessions.size();
        }

        @Override
        public void savePendingLogin(String stateHash, PendingLogin login) {
            logins.put(stateHash, login);
        }

        @Override
        public Optional<PendingLogin> takePendingLogin(String stateHash) {
            return Optional.ofNullable(logins.remove(stateHash));
        }

        @Override
        public int deletePendingLoginsBefore(Instant cutoff) {
            int before = logins.size();
            logins.values().removeIf(l -> l.created().isBefore(cutoff));
            return before - logins.size();
        }
    }
}
