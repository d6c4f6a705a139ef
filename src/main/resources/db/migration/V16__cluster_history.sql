-- The cluster's figures over time (docs/observability.md): JobManager and TaskManager heap and CPU,
-- task slots; kept like each job's (metric_sample): every reading a day, one-minute averages two weeks.
CREATE TABLE cluster_sample (
    metric  TEXT NOT NULL,
    step    INT NOT NULL CHECK (step IN (15, 60)),
    at      TIMESTAMPTZ NOT NULL,
    value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric, step, at)
);
CREATE INDEX cluster_sample_age ON cluster_sample (step, at);
