package dev.kiroscim.persistence;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code api_token}: a name, the SHA-256 of the secret, and a scope. Never the secret. */
@Entity
@Table(name = "api_token")
class TokenEntity {

    @Id
    @Column(name = "name")
    String name;

    @Column(name = "token_hash")
    String tokenHash;

    @Column(name = "scope")
    String scope;

    @Column(name = "created_at")
    long createdAt;

    protected TokenEntity() {
    }

    static TokenEntity from(ApiToken t) {
        TokenEntity e = new TokenEntity();
        e.name = t.name();
        e.tokenHash = t.hash();
        e.scope = t.scope().wireName();
        e.createdAt = t.created().toEpochMilli();
        return e;
    }

    ApiToken toRecord() {
        return new ApiToken(name, tokenHash, Scope.parse(scope), Instant.ofEpochMilli(createdAt));
    }
}
