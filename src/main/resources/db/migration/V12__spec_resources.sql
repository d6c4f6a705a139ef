-- What a project's spec created: apply deletes only these when the spec no longer names them,
-- and the console marks them as managed from Git.
CREATE TABLE spec_resource (
    kind       TEXT        NOT NULL CHECK (kind IN ('INTEGRATION', 'TABLE', 'JOB')),
    name       TEXT        NOT NULL,
    project    TEXT        NOT NULL,
    applied_by TEXT,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, name)
);
