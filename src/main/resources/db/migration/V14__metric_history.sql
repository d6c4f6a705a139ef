-- Each job's figures over time (docs/observability.md): samples as read every 15 s (step 15), kept a
-- day, and one-minute averages (step 60), kept two weeks. A deleted job's history goes with it.
CREATE TABLE metric_sample (
    job     BIGINT NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    metric  TEXT NOT NULL,
    step    INT NOT NULL CHECK (step IN (15, 60)),
    at      TIMESTAMPTZ NOT NULL,
    value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job, metric, step, at)
);
CREATE INDEX metric_sample_age ON metric_sample (step, at);
