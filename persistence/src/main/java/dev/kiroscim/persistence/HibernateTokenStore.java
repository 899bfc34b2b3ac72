package dev.kiroscim.persistence;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.TokenStore;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** {@link TokenStore} on Hibernate. */
final class HibernateTokenStore implements TokenStore {

    private final Session session;

    HibernateTokenStore(Session session) {
        this.session = session;
    }

    @Override
    public void insert(ApiToken token) {
        if (session.find(TokenEntity.class, token.name()) != null) {
            throw new dev.kiroscim.core.directory.UniquenessViolation("token name", token.name());
        }
        session.persist(TokenEntity.from(token));
        Uniqueness.flush(session, "token name", token.name());
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return session.createSelectionQuery("from TokenEntity where tokenHash = :h", TokenEntity.class)
                .setParameter("h", hash).getResultStream().findFirst().map(TokenEntity::toRecord);
    }

    @Override
    public List<ApiToken> list() {
        return session.createSelectionQuery("from TokenEntity order by name", TokenEntity.class)
                .getResultList().stream().map(TokenEntity::toRecord).toList();
    }

    @Override
    public boolean revoke(String name) {
        return session.createMutationQuery("delete from TokenEntity where name = :n")
                .setParameter("n", name).executeUpdate() > 0;
    }
}
