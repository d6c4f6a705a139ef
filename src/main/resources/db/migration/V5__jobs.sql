-- Deployed pipelines: what the user asked for (desired state, current version) and what Flink last said.
CREATE TABLE job (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    description     TEXT NOT NULL DEFAULT '',
    version         INT NOT NULL,
    desired_state   TEXT NOT NULL CHECK (desired_state IN ('RUNNING', 'STOPPED')),
    flink_job_id    TEXT,
    running_version INT,
    state           TEXT NOT NULL DEFAULT 'CREATED',
    failure         TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every version of a job's SQL and settings; a deploy never overwrites one.
CREATE TABLE job_version (
    job         BIGINT NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    version     INT NOT NULL,
    statement   TEXT NOT NULL,
    settings    JSONB NOT NULL,
    plan        TEXT NOT NULL DEFAULT '',
    reads       JSONB NOT NULL DEFAULT '[]',
    writes      JSONB NOT NULL DEFAULT '[]',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job, version)
);

-- Each time Flink ran a version of a job: how it started and how it ended.
CREATE TABLE job_run (
    flink_job_id  TEXT PRIMARY KEY,
    job           BIGINT NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    version       INT NOT NULL,
    restored_from TEXT,
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at      TIMESTAMPTZ,
    end_state     TEXT,
    last_checkpoint      TEXT,
    last_checkpoint_at   TIMESTAMPTZ
);

-- Savepoints (and checkpoints kept to restore from) a job can restart from, newest last.
CREATE TABLE job_savepoint (
    id            BIGSERIAL PRIMARY KEY,
    job           BIGINT NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    flink_job_id  TEXT NOT NULL,
    version       INT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('SAVEPOINT', 'CHECKPOINT')),
    path          TEXT NOT NULL,
    size_bytes    BIGINT,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (job, path)
);
CREATE INDEX job_savepoint_by_job ON job_savepoint (job, created_at);
