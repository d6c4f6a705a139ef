-- Every statement run from the console, with its outcome: the SQL page's history.
CREATE TABLE statement_history (
    id          BIGSERIAL PRIMARY KEY,
    statement   TEXT        NOT NULL,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'STOPPED')),
    message     TEXT,
    rows        BIGINT      NOT NULL DEFAULT 0,
    duration_ms BIGINT      NOT NULL,
    job_id      TEXT,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX statement_history_started_at ON statement_history (started_at DESC);
