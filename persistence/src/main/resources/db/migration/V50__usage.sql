-- Kiro usage (issue 12): the per-user activity report's rows, and the report files already imported (so importing
-- the same file twice changes nothing). Runs on H2 and PostgreSQL 15.

create table usage_import_file (
    file_key       varchar(1024) not null primary key,  -- S3 key, or path relative to usage.directory
    fingerprint    varchar(128)  not null,              -- S3 ETag, or SHA-256 of a local file
    activity_day   date          not null,              -- activity day from the key
    imported_at_ms bigint        not null,
    row_count      integer       not null,
    rejected_count integer       not null
);

-- One user x one UTC day x one client type x one Kiro profile; a later export of the same key replaces the row.
create table usage_daily (
    activity_day     date           not null,
    kiro_user_id     varchar(128)   not null,   -- Identity Store user id (report UserId after the last '.')
    client_type      varchar(64)    not null,
    profile_id       varchar(512)   not null,   -- '' when the column is absent
    credits          numeric(24, 8) not null,
    overage_credits  numeric(24, 8) not null,
    overage_enabled  boolean,
    tier             varchar(64),
    messages         bigint         not null,
    conversations    bigint         not null,
    email            varchar(1024),
    extra            varchar(20000) not null,   -- other columns as a JSON object (model counts, Usage_Limit, ...)
    file_key         varchar(1024)  not null,
    primary key (activity_day, kiro_user_id, client_type, profile_id)
);
create index ix_usage_daily_user on usage_daily (kiro_user_id, activity_day);
create index ix_usage_daily_file on usage_daily (file_key);
