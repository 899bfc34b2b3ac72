-- Cluster coordination (issue 9): replicas sharing one PostgreSQL (also created on H2, where there is one replica).
-- Every statement here is additive (new tables, a new column with a default), so replicas of the previous version
-- keep running while the first new replica migrates (docs/deploy.md, rolling upgrades).

-- The replica registry: each replica upserts its row every heartbeat. A row not refreshed for 60 s is shown as gone.
create table cluster_replica (
    replica_id          varchar(64)   not null primary key,
    host                varchar(256)  not null,
    started_at_ms       bigint        not null,
    heartbeat_at_ms     bigint        not null,
    policy_sha256       varchar(64)   not null,   -- the policy this replica enforces ('' = built-in default)
    file_policy_sha256  varchar(64)   not null,   -- the policy in its config file, when it differs
    jobs                varchar(1024) not null    -- singleton jobs it holds, comma-separated
);

-- Singleton job leases: at most one holder whose lease is unexpired. fence grows at every change of holder, so a
-- holder that stalled and resumed can tell that it lost the lease.
create table cluster_lease (
    name         varchar(64)   not null primary key,
    holder       varchar(64)   not null,
    until_ms     bigint        not null,
    fence        bigint        not null
);

-- The cluster's Identity Store call schedule (GCRA): next_slot_ms is the earliest instant the next call may be
-- made anywhere in the cluster; reserving n calls moves it by n * (1000 / maxRequestsPerSecond) ms.
create table cluster_rate_schedule (
    name          varchar(64)  not null primary key,
    next_slot_ms  bigint       not null
);

-- The active policy of the cluster: the source text as loaded, so every replica parses the same thing with its own
-- loader. seat_allocation_lock.applied_policy_sha256 (V2) names it and is what replicas poll.
create table cluster_policy (
    id             integer        not null primary key,   -- always 1
    sha256         varchar(64)    not null,
    source         varchar(1024)  not null,
    content        varchar(1000000) not null,             -- '' with source 'built-in' = the built-in default
    stored_at_ms   bigint         not null,
    stored_by      varchar(256)   not null
);

-- Outbox lease fencing: every claim increments claim_version; recording a result (and each Identity Store call)
-- first checks that the worker's (lease_owner, claim_version) is still the item's.
alter table idc_outbox add column claim_version bigint default 0 not null;
