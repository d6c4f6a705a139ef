-- Personal API tokens (Flink's SQL Client through Eddy, scripts): only a SHA-256 of each token is
-- kept; a token acts as its user with a role no higher than theirs, until it expires or is revoked.
CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    username     TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    token_hash   TEXT        NOT NULL UNIQUE,
    role         TEXT        NOT NULL CHECK (role IN ('VIEWER', 'DEVELOPER', 'ADMIN')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_user ON api_token (lower(username));
