package dev.kiroscim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns {@code scim_user} and {@code scim_group} share (id, externalId, the stored document, version and the two
 * timestamps), mapped once. A mapped superclass adds no table and no discriminator: each entity still maps its own
 * table column for column as the Flyway migrations define it.
 */
@MappedSuperclass
abstract class ScimResourceRow {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "external_id")
    String externalId;

    @Column(name = "document")
    String document;

    @Column(name = "version")
    long version;

    @Column(name = "created_at")
    long createdAt;

    @Column(name = "modified_at")
    long modifiedAt;
}
