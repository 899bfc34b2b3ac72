package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.UserRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** Row of {@code scim_user}. Mutable only because JPA needs it; the rest of the code sees {@link UserRecord}. */
@Entity
@Table(name = "scim_user")
class UserEntity extends ScimResourceRow {

    @Column(name = "user_name")
    String userName;

    @Column(name = "user_name_ci")
    String userNameCi;

    @Column(name = "display_name")
    String displayName;

    @Column(name = "display_name_ci")
    String displayNameCi;

    @Column(name = "active")
    boolean active;

    protected UserEntity() {}

    static UserEntity from(UserRecord r) {
        UserEntity e = new UserEntity();
        e.id = r.id();
        e.copy(r);
        return e;
    }

    void copy(UserRecord r) {
        userName = r.userName();
        userNameCi = r.userName().toLowerCase(Locale.ROOT);
        externalId = r.externalId();
        displayName = r.displayName();
        displayNameCi = r.displayName() == null ? null : r.displayName().toLowerCase(Locale.ROOT);
        active = r.active();
        document = r.document();
        version = r.version();
        createdAt = r.created().toEpochMilli();
        modifiedAt = r.lastModified().toEpochMilli();
    }

    UserRecord toRecord() {
        return new UserRecord(
                id,
                userName,
                externalId,
                displayName,
                active,
                document,
                version,
                Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(modifiedAt));
    }
}
