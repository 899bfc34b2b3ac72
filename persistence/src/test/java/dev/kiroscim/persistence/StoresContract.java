package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.IndexedValue;
import dev.kiroscim.core.directory.MemberRef;
import dev.kiroscim.core.directory.MembershipDiff;
import dev.kiroscim.core.directory.StoreBusy;
import dev.kiroscim.core.directory.UniquenessViolation;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.Operator;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.ResourceColumn;
import dev.kiroscim.core.directory.query.SortKey;
import dev.kiroscim.core.directory.query.ValueKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stores against a real database: the same contract runs on H2 and PostgreSQL, because the SQL must mean the
 * same on both. Each test uses its own user-name prefix, so tests share one schema without interfering.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class StoresContract extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Field USER_NAME = new Field.Column(ResourceColumn.USER_NAME, ValueKind.STRING, false);
    private static final Field EMAIL = new Field.Indexed("emails.value", ValueKind.STRING, false);
    private static final Field EMAIL_TYPE = new Field.Indexed("emails.type", ValueKind.STRING, false);
    private static final Field FAMILY = new Field.Indexed("name.familyname", ValueKind.STRING, false);
    private static final Field ACTIVE = new Field.Column(ResourceColumn.ACTIVE, ValueKind.BOOLEAN, true);
    private static final Field MODIFIED = new Field.Column(ResourceColumn.LAST_MODIFIED, ValueKind.INSTANT, true);

    private UserRecord user(String id, String userName, boolean active, Instant modified) {
        return new UserRecord(id, userName, null, null, active, "{\"userName\":\"" + userName + "\"}", 1, T0, modified);
    }

    private void insert(UserRecord u, List<IndexedValue> index) {
        db.write(tx -> {
            tx.users().insert(u, index);
            return null;
        });
    }

    private static List<IndexedValue> emails(String family, String... typeAndValue) {
        List<IndexedValue> out = new java.util.ArrayList<>();
        out.add(new IndexedValue("name.familyname", 0, family));
        for (int i = 0; i < typeAndValue.length; i += 2) {
            out.add(new IndexedValue("emails", i / 2, null));
            out.add(new IndexedValue("emails.type", i / 2, typeAndValue[i]));
            out.add(new IndexedValue("emails.value", i / 2, typeAndValue[i + 1]));
        }
        return out;
    }

    private <T> T read(java.util.function.Function<dev.kiroscim.core.transaction.Directory, T> work) {
        return db.read(work);
    }

    private <T> T write(java.util.function.Function<dev.kiroscim.core.transaction.Directory, T> work) {
        return db.write(work);
    }

    private Page<UserRecord> search(Criteria c, SortKey sort) {
        return db.read(tx -> tx.users().search(c, sort, new PageRequest(0, 100)));
    }

    private static Criteria prefix(String p) {
        return new Criteria.Compare(USER_NAME, Operator.SW, p);
    }

    @Test
    void userNameIsUniqueIgnoringCaseButKeptAsSent() {
        insert(user("u-uniq-1", "Mixed.Case@Uniq.example", true, T0), List.of());
        assertThat(this.<java.util.Optional<UserRecord>>read(tx -> tx.users().find("u-uniq-1"))
                        .orElseThrow()
                        .userName())
                .isEqualTo("Mixed.Case@Uniq.example");
        assertThatThrownBy(() -> insert(user("u-uniq-2", "mixed.case@uniq.EXAMPLE", true, T0), List.of()))
                .isInstanceOf(UniquenessViolation.class);
        assertThat(this.<java.util.Optional<UserRecord>>read(tx -> tx.users().find("u-uniq-2")))
                .isEmpty();
    }

    @Test
    void filtersRunOnColumnsAttributeIndexAndElements() {
        insert(
                user("u-f-1", "f.ann@x", true, T0),
                emails("Ann", "work", "ann@corp.example", "home", "ann@home.example"));
        insert(user("u-f-2", "f.bob@x", false, T0.plusSeconds(60)), emails("Bob", "home", "bob@corp.example"));
        insert(user("u-f-3", "f.cid@x", true, T0.plusSeconds(120)), emails("Cid"));
        Criteria mine = prefix("f.");

        // emails.value is case-insensitive and searched through the attribute index
        assertThat(ids(search(
                        new Criteria.And(mine, new Criteria.Compare(EMAIL, Operator.EQ, "ANN@CORP.EXAMPLE")), null)))
                .containsExactly("u-f-1");
        // value path: type and value must hold for the same element; Bob's corp address is a home one
        Criteria workCorp = new Criteria.Element(
                "emails",
                new Criteria.And(
                        new Criteria.Compare(EMAIL_TYPE, Operator.EQ, "work"),
                        new Criteria.Compare(EMAIL, Operator.CO, "corp")));
        assertThat(ids(search(new Criteria.And(mine, workCorp), null))).containsExactly("u-f-1");
        // not / ne include users without the attribute
        assertThat(ids(search(new Criteria.And(mine, new Criteria.Not(new Criteria.Present(EMAIL))), null)))
                .containsExactly("u-f-3");
        assertThat(ids(search(new Criteria.And(mine, new Criteria.Compare(ACTIVE, Operator.EQ, false)), null)))
                .containsExactly("u-f-2");
        // instants compare chronologically
        assertThat(ids(search(
                        new Criteria.And(mine, new Criteria.Compare(MODIFIED, Operator.GT, T0.plusSeconds(30))), null)))
                .containsExactly("u-f-2", "u-f-3");
        // like-patterns treat % and _ literally
        assertThat(ids(search(new Criteria.Compare(USER_NAME, Operator.SW, "f%"), null)))
                .isEmpty();
        // sorting by an indexed attribute, descending, stable by id
        assertThat(ids(search(mine, new SortKey(FAMILY, true)))).containsExactly("u-f-3", "u-f-2", "u-f-1");
    }

    @Test
    void pagesAreStableAndCountTheWholeMatch() {
        IntStream.range(0, 7).forEach(i -> insert(user("u-p-" + i, "p.user" + i + "@x", true, T0), List.of()));
        Page<UserRecord> second = db.read(tx -> tx.users().search(prefix("p."), null, new PageRequest(3, 3)));
        assertThat(second.total()).isEqualTo(7);
        assertThat(ids(second)).containsExactly("u-p-3", "u-p-4", "u-p-5");
        Page<UserRecord> last =
                this.<Page<UserRecord>>read(tx -> tx.users().search(prefix("p."), null, new PageRequest(6, 3)));
        assertThat(last.total()).isEqualTo(7);
        assertThat(ids(last)).containsExactly("u-p-6");
        Page<UserRecord> beyond =
                this.<Page<UserRecord>>read(tx -> tx.users().search(prefix("p."), null, new PageRequest(10, 3)));
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(beyond.items()).isEmpty();
        assertThat(this.<Page<UserRecord>>read(tx -> tx.users().search(prefix("p."), null, new PageRequest(0, 0)))
                        .items())
                .isEmpty();
    }

    @Test
    void membershipChangesTouchOnlyTheNamedMembers() {
        IntStream.range(0, 5).forEach(i -> insert(user("u-m-" + i, "m.user" + i + "@x", true, T0), List.of()));
        GroupRecord g = new GroupRecord("g-m", "Kiro-Members", null, "{\"displayName\":\"Kiro-Members\"}", 1, T0, T0);
        db.write(tx -> {
            tx.groups().insert(g);
            return null;
        });
        assertThat(this.<List<String>>write(tx -> tx.groups().addMembers("g-m", List.of("u-m-0", "u-m-1"), T0)))
                .containsExactly("u-m-0", "u-m-1");
        assertThat(this.<List<String>>write(tx -> tx.groups().addMembers("g-m", List.of("u-m-1", "u-m-2"), T0)))
                .containsExactly("u-m-2");
        assertThat(this.<List<String>>write(tx -> tx.groups().removeMembers("g-m", List.of("u-m-0", "u-m-4"))))
                .containsExactly("u-m-0");
        MembershipDiff diff = db.write(tx -> tx.groups().replaceMembers("g-m", List.of("u-m-2", "u-m-3"), T0));
        assertThat(diff.added()).containsExactly("u-m-3");
        assertThat(diff.removed()).containsExactly("u-m-1");
        List<MemberRef> firstPage = db.read(tx -> tx.groups().members("g-m", null, 1));
        List<MemberRef> secondPage =
                db.read(tx -> tx.groups().members("g-m", firstPage.get(0).userId(), 10));
        assertThat(firstPage).extracting(MemberRef::userId).containsExactly("u-m-2");
        assertThat(secondPage).extracting(MemberRef::userId).containsExactly("u-m-3");
        assertThat(this.<java.util.Map<String, List<dev.kiroscim.core.directory.GroupRef>>>read(
                                tx -> tx.users().groupsOf(List.of("u-m-3")))
                        .get("u-m-3"))
                .extracting(r -> r.displayName())
                .containsExactly("Kiro-Members");
        Criteria membersOfG = new Criteria.Compare(new Field.Membership(), Operator.EQ, "g-m");
        assertThat(ids(search(membersOfG, null))).containsExactly("u-m-2", "u-m-3");
        db.write(tx -> tx.users().delete("u-m-3"));
        assertThat(this.<List<MemberRef>>read(tx -> tx.groups().members("g-m", null, 10)))
                .extracting(MemberRef::userId)
                .containsExactly("u-m-2");
    }

    @Test
    void groupDisplayNameIsUniqueIgnoringCase() {
        db.write(tx -> {
            tx.groups().insert(new GroupRecord("g-u-1", "Kiro-Unique", null, "{}", 1, T0, T0));
            return null;
        });
        assertThatThrownBy(() -> db.write(tx -> {
                    tx.groups().insert(new GroupRecord("g-u-2", "KIRO-unique", null, "{}", 1, T0, T0));
                    return null;
                }))
                .isInstanceOf(UniquenessViolation.class);
    }

    @Test
    void tokensAreFoundByHashAndRevokedByName() {
        ApiToken token = new ApiToken("okta-test", "a".repeat(64), Scope.SCIM, T0);
        db.write(tx -> {
            tx.tokens().insert(token);
            return null;
        });
        assertThat(this.<java.util.Optional<ApiToken>>read(tx -> tx.tokens().findByHash("a".repeat(64))))
                .contains(token);
        assertThat(this.<Boolean>write(tx -> tx.tokens().revoke("okta-test"))).isTrue();
        assertThat(this.<java.util.Optional<ApiToken>>read(tx -> tx.tokens().findByHash("a".repeat(64))))
                .isEmpty();
    }

    /** A rotated token has two secrets (newest first), each with its own expiry; last use only moves forward. */
    @Test
    void tokenSecretsKeepTheirOwnExpiryAndLastUse() {
        var allow = dev.kiroscim.core.net.AddressRanges.parse("10.0.0.0/8,2001:db8::/32");
        ApiToken first =
                new ApiToken("entra-test", "b".repeat(64), Scope.ADMIN, T0, T0.plusSeconds(3600), allow, null, null);
        ApiToken second =
                new ApiToken("entra-test", "c".repeat(64), Scope.ADMIN, T0.plusSeconds(60), null, allow, null, null);
        db.write(tx -> {
            tx.tokens().insert(first);
            tx.tokens().addSecret(second);
            tx.tokens().expireSecret(first.hash(), T0.plusSeconds(120));
            return null;
        });
        java.util.List<ApiToken> secrets = write(tx -> tx.tokens().lockSecrets("entra-test"));
        assertThat(secrets).extracting(ApiToken::hash).containsExactly(second.hash(), first.hash());
        assertThat(secrets.get(1).expires()).isEqualTo(T0.plusSeconds(120));
        assertThat(secrets.get(0).allowFrom().texts()).containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(this.<java.util.List<ApiToken>>write(tx -> tx.tokens().lockSecrets("nobody")))
                .isEmpty();

        db.write(tx -> {
            tx.tokens().recordUse(second.hash(), T0.plusSeconds(300), "2001:db8::7");
            tx.tokens().recordUse(second.hash(), T0.plusSeconds(200), "10.9.9.9"); // older: ignored
            tx.tokens().deleteExpiredSecrets("entra-test", T0.plusSeconds(121));
            return null;
        });
        ApiToken used = this.<java.util.Optional<ApiToken>>read(
                        tx -> tx.tokens().findByHash(second.hash()))
                .orElseThrow();
        assertThat(used.lastUsed()).isEqualTo(T0.plusSeconds(300));
        assertThat(used.lastSourceIp()).isEqualTo("2001:db8::7");
        assertThat(this.<java.util.List<ApiToken>>read(tx -> tx.tokens().list()))
                .extracting(ApiToken::hash)
                .containsExactly(second.hash());
        assertThat(this.<Boolean>write(tx -> tx.tokens().revoke("entra-test"))).isTrue();
        assertThat(this.<java.util.List<ApiToken>>read(tx -> tx.tokens().list()))
                .isEmpty();
    }

    /** With every connection taken, a request fails fast with StoreBusy (the edge answers 429) instead of hanging. */
    @Test
    void exhaustedPoolIsReportedAsBusy() throws Exception {
        DatabaseConfig base = database.config();
        try (Database tiny = Database.open(
                new DatabaseConfig(base.jdbcUrl(), base.user(), base.password(), 1, Duration.ofMillis(300)))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> tiny.read(tx -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> tiny.read(tx -> tx.users().find("nobody"))).isInstanceOf(StoreBusy.class);
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> ids(Page<UserRecord> page) {
        return page.items().stream().map(UserRecord::id).toList();
    }
}
