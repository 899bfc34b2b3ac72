-- Seat allocation (issue 4). Runs on H2 (PostgreSQL mode) and PostgreSQL 15. Times are epoch milliseconds.

-- One row per seat holder (rule 2: at most one seat per user). No foreign key to scim_user on purpose: when a user
-- is deleted, the seat must survive until the allocator releases it in the same transaction (and audits that).
create table seat (
    user_id      varchar(64)   not null primary key,
    pool         varchar(1024) not null,   -- the pool's group as written in the policy
    pool_key     varchar(1024) not null,   -- lower(pool): pools are compared case-insensitively
    tier         varchar(128)  not null,
    assigned_at  bigint        not null,
    expires_at   bigint                    -- assigned_at + maxGrant, null without maxGrant
);
create index ix_seat_pool on seat (pool_key, assigned_at, user_id);
create index ix_seat_expires_at on seat (expires_at);
create index ix_seat_tier on seat (tier, user_id);

-- "This user's grant in this group expired" (rule 6). It belongs to the membership row: removing the user from the
-- group (or deleting either) deletes the mark, so re-joining starts a new grant.
create table seat_expiry (
    group_id    varchar(64) not null,
    user_id     varchar(64) not null,
    expired_at  bigint      not null,
    primary key (group_id, user_id),
    foreign key (group_id, user_id) references scim_membership (group_id, user_id) on delete cascade
);
create index ix_seat_expiry_user on seat_expiry (user_id, group_id);

-- The allocation lock (rule 7): every settle / expire / recompute step starts with
-- SELECT ... FROM seat_allocation_lock WHERE id = 1 FOR UPDATE, so steps are serialised across all replicas.
-- last_step_at makes step instants strictly increasing in lock order, across replicas (see SeatStore#lockForAllocation).
-- applied_policy_sha256: the policy file last applied by any replica ('' = built-in default), so a restart with an
-- unchanged file writes no policy.loaded event.
create table seat_allocation_lock (
    id                     integer     not null primary key,
    last_step_at           bigint      not null,
    applied_policy_sha256  varchar(64) not null
);
insert into seat_allocation_lock (id, last_step_at, applied_policy_sha256) values (1, 0, '');
