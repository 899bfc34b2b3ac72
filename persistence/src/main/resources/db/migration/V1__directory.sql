-- Users, groups, memberships and API tokens. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.
-- Times are epoch milliseconds (BIGINT): one portable type that compares as instants on both databases.

create table scim_user (
    id              varchar(64)     not null primary key,
    user_name       varchar(512)    not null,
    user_name_ci    varchar(512)    not null,   -- lower(user_name): userName is unique case-insensitively
    external_id     varchar(512),
    display_name    varchar(1024),
    display_name_ci varchar(1024),
    active          boolean         not null,
    document        varchar(1000000) not null, -- canonical SCIM JSON of the other attributes
    version         bigint          not null,
    created_at      bigint          not null,
    modified_at     bigint          not null
);
create unique index ux_user_user_name_ci on scim_user (user_name_ci);
create index ix_user_external_id on scim_user (external_id);
create index ix_user_display_name_ci on scim_user (display_name_ci);
create index ix_user_active on scim_user (active);
create index ix_user_modified_at on scim_user (modified_at);
create index ix_user_created_at on scim_user (created_at);

-- Searchable values of attributes without a column (emails.value, name.familyName, enterprise attributes...).
create table scim_user_attr (
    user_id  varchar(64)   not null references scim_user (id) on delete cascade,
    path     varchar(300)  not null,
    elem     integer       not null,
    val      varchar(1024),
    val_ci   varchar(1024)
);
create index ix_user_attr_path_val_ci on scim_user_attr (path, val_ci);
create index ix_user_attr_path_val on scim_user_attr (path, val);
create index ix_user_attr_user on scim_user_attr (user_id, path, elem);

create table scim_group (
    id              varchar(64)     not null primary key,
    display_name    varchar(1024)   not null,
    display_name_ci varchar(1024)   not null,
    external_id     varchar(512),
    document        varchar(1000000) not null,
    version         bigint          not null,
    created_at      bigint          not null,
    modified_at     bigint          not null
);
create unique index ux_group_display_name_ci on scim_group (display_name_ci);
create index ix_group_external_id on scim_group (external_id);
create index ix_group_modified_at on scim_group (modified_at);
create index ix_group_created_at on scim_group (created_at);

-- Membership is its own relation: adding or removing one member never reads the others.
create table scim_membership (
    group_id  varchar(64) not null references scim_group (id) on delete cascade,
    user_id   varchar(64) not null references scim_user (id) on delete cascade,
    added_at  bigint      not null,
    primary key (group_id, user_id)
);
create index ix_membership_user on scim_membership (user_id, group_id);

create table api_token (
    name        varchar(128) not null primary key,
    token_hash  char(64)     not null,
    scope       varchar(16)  not null,
    created_at  bigint       not null
);
create unique index ux_api_token_hash on api_token (token_hash);
