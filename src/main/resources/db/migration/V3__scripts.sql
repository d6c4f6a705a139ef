-- The SQL page's script tabs, kept so a reload (or a restart) brings them back as they were.
CREATE TABLE script (
    id         BIGSERIAL PRIMARY KEY,
    title      TEXT        NOT NULL,
    content    TEXT        NOT NULL DEFAULT '',
    position   INT         NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
