-- Monthly budgets (monthlyBudgetUsd, issue 12). Runs on H2 (PostgreSQL mode) and PostgreSQL 15.
-- Written only by allocation steps, under the seat_allocation_lock row, so they hold across replicas.

-- One charge per user and UTC billing month, as the invoice rules bill seats: the highest tier held at any moment of
-- the month and the pool that seat came from (the budget it counts against). A released seat keeps its row to the
-- month's end; an upgrade rewrites it. first_day: 0 when the seat was carried over from the previous month, else the
-- day of the month of the first grant (what billing.newSeats: prorated prorates from).
create table seat_charge (
    billing_month varchar(7)  not null,   -- 2026-12
    user_id    varchar(64)   not null,
    pool       varchar(1024) not null,
    pool_key   varchar(1024) not null,   -- lower(pool)
    tier       varchar(128)  not null,
    first_day  integer       not null,
    primary key (billing_month, user_id)
);
create index ix_seat_charge_pool on seat_charge (billing_month, pool_key, tier, first_day);
create index ix_seat_charge_tier on seat_charge (billing_month, tier, first_day);

-- The month whose charges are open: the first allocation step of a month charges every holder again and moves it on.
create table seat_charge_month (
    id             integer    not null primary key,
    billing_month  varchar(7) not null      -- '' before the first step
);
insert into seat_charge_month (id, billing_month) values (1, '');

-- Budgets that refused a grant, once per scope and month: budget.exhausted is written on the insert.
create table budget_exhausted (
    billing_month varchar(7)  not null,
    scope_kind  varchar(8)    not null,     -- pool | tier
    scope_key   varchar(1024) not null,     -- lower(pool group), or the tier name
    at_ms       bigint        not null,
    primary key (billing_month, scope_kind, scope_key)
);
