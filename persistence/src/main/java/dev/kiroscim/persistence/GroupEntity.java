package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.GroupRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** Row of {@code scim_group}. */
@Entity
@Table(name = "scim_group")
class GroupEntity extends ScimResourceRow {

    @Column(name = "display_name")
    String displayName;

    @Column(name = "display_name_ci")
    String displayNameCi;

    protected GroupEntity() {}

    static GroupEntity from(GroupRecord r) {
        GroupEntity e = new GroupEntity();
        e.id = r.id();
        e.copy(r);
        return e;
    }

    void copy(GroupRecord r) {
        displayName = r.displayName();
        displayNameCi = r.displayName().toLowerCase(Locale.ROOT);
        externalId = r.externalId();
        document = r.document();
        version = r.version();
        createdAt = r.created().toEpochMilli();
        modifiedAt = r.lastModified().toEpochMilli();
    }

    GroupRecord toRecord() {
        return new GroupRecord(
                id,
                displayName,
                externalId,
                document,
                version,
                Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(modifiedAt));
    }
}
