-- The browser console (issue 11): sessions and OpenID Connect logins in flight, shared by every replica.

-- One row per signed-in browser. The cookie holds a random 256-bit id; only its SHA-256 is stored, so a copy of
-- this table cannot be replayed as cookies. Idle sessions are removed after console.idleTimeout.
create table console_session (
    id_hash       char(64)      not null primary key,
    person        varchar(256)  not null,   -- the audit actor: a token name or the IdP's user name
    role          varchar(16)   not null,   -- admin | read-only
    via           varchar(16)   not null,   -- token | oidc
    csrf_token    char(64)      not null,   -- sent back in X-CSRF-Token on every state-changing request
    created_ms    bigint        not null,
    last_seen_ms  bigint        not null
);
create index ix_console_session_last_seen on console_session (last_seen_ms);

-- An authorization-code login between the redirect to the IdP and its callback: keyed by the hash of `state`, so
-- the callback may land on any replica (a SameSite=Strict cookie is not sent on the IdP's cross-site redirect).
create table console_oidc_login (
    state_hash     char(64)      not null primary key,
    code_verifier  varchar(128)  not null,   -- PKCE
    nonce          varchar(128)  not null,
    created_ms     bigint        not null
);
