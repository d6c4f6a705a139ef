-- Who may sign in to Eddy, with which role; passwords are kept only as Spring Security hashes.
CREATE TABLE eddy_user (
    id              BIGSERIAL PRIMARY KEY,
    username        TEXT        NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash   TEXT,
    role            TEXT        NOT NULL CHECK (role IN ('VIEWER', 'DEVELOPER', 'ADMIN')),
    enabled         BOOLEAN     NOT NULL DEFAULT true,
    -- consecutive failed logins, and until when the account refuses logins because of them
    failed_logins   INT         NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    last_login_at   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
