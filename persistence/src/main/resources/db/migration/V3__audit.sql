-- The audit trail (issue 6): an append-only, SHA-256 hash-chained event log. Runs on H2 and PostgreSQL 15.
-- hash = sha256(prev_hash || canonical JSON of the event); see dev.kiroscim.core.audit.AuditEvent#canonicalJson.

create table audit_event (
    seq              bigint          not null primary key,  -- 1, 2, 3... gap-free, in commit order
    at_ms            bigint          not null,              -- UTC epoch milliseconds
    event_type       varchar(64)     not null,
    actor            varchar(256)    not null,
    subject_kind     varchar(16)     not null,
    subject_id       varchar(512),
    subject_name     varchar(1024),
    subject_name_ci  varchar(1024),                         -- lower(subject_name): ?userName= is case-insensitive
    group_id         varchar(64),
    group_name       varchar(1024),
    group_name_ci    varchar(1024),
    details          varchar(1000000) not null,             -- canonical JSON object
    request_id       varchar(128),
    prev_hash        char(64)        not null,
    hash             char(64)        not null
);
-- Every filter of GET /admin/v1/audit is an equality on one of these, then a range on seq (keyset paging).
create index ix_audit_subject_id on audit_event (subject_id, seq);
create index ix_audit_subject_name_ci on audit_event (subject_name_ci, seq);
create index ix_audit_group_id on audit_event (group_id, seq);
create index ix_audit_group_name_ci on audit_event (group_name_ci, seq);
create index ix_audit_type on audit_event (event_type, seq);
create index ix_audit_at on audit_event (at_ms, seq);

-- The chain head: one row, locked (SELECT ... FOR UPDATE) by every appending transaction just before commit, so
-- appends from all replicas are serialised and seq stays gap-free. It also lets verify notice a truncated tail.
create table audit_chain_head (
    id         integer   not null primary key,
    last_seq   bigint    not null,
    last_hash  char(64)  not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Left by retention pruning: the kept chain starts at first_seq, whose prev_hash must equal anchor_hash.
create table audit_checkpoint (
    first_seq    bigint    not null primary key,
    anchor_hash  char(64)  not null,
    pruned_at    bigint    not null
);
