-- Tokens grow up (issue 10): a token has one secret, or two while a rotation's grace period runs; each secret
-- has its own expiry and last use. The token keeps its name, scope and source-address allow-list.
-- Not rolling-safe: replicas older than this migration read api_token.token_hash; stop them before it runs.
create table api_token_secret (
    token_hash      char(64)     not null primary key,
    token_name      varchar(128) not null references api_token (name) on delete cascade,
    created_at      bigint       not null,
    expires_at      bigint,
    last_used_at    bigint,
    last_source_ip  varchar(64)
);
create index ix_api_token_secret_name on api_token_secret (token_name, created_at);

insert into api_token_secret (token_hash, token_name, created_at)
    select token_hash, name, created_at from api_token;

alter table api_token add column allow_from varchar(4000);
drop index ux_api_token_hash;
alter table api_token drop column token_hash;
