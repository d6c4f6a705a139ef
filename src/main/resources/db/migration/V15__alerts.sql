-- Alerts (docs/observability.md): channels that carry messages, rules that watch jobs and
-- integrations, every firing as an event (open while it fires), and silences with an end time.
CREATE TABLE alert_channel (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('EMAIL', 'WEBHOOK')),
    settings    JSONB NOT NULL,
    -- The SMTP password or the webhook address (it carries the receiver's token), encrypted like integrations' secrets.
    secrets     BYTEA,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alert_rule (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    condition       TEXT NOT NULL,
    -- The job or integration it watches by name; NULL watches every one.
    target          TEXT,
    threshold       DOUBLE PRECISION NOT NULL DEFAULT 0,
    window_seconds  INT NOT NULL,
    for_seconds     INT NOT NULL,
    severity        TEXT NOT NULL,
    channels        TEXT[] NOT NULL DEFAULT '{}',
    enabled         BOOLEAN NOT NULL DEFAULT true,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A firing of a rule for one subject (a job, an integration); kept when the rule is deleted.
CREATE TABLE alert_event (
    id            BIGSERIAL PRIMARY KEY,
    rule          BIGINT REFERENCES alert_rule (id) ON DELETE SET NULL,
    rule_name     TEXT NOT NULL,
    severity      TEXT NOT NULL,
    subject       TEXT NOT NULL,
    subject_label TEXT NOT NULL,
    summary       TEXT NOT NULL,
    value         DOUBLE PRECISION,
    fired_at      TIMESTAMPTZ NOT NULL,
    resolved_at   TIMESTAMPTZ,
    notified_at   TIMESTAMPTZ,
    delivery      TEXT
);
CREATE UNIQUE INDEX alert_event_one_open ON alert_event (rule, subject) WHERE resolved_at IS NULL;
CREATE INDEX alert_event_newest ON alert_event (fired_at DESC);

CREATE TABLE alert_silence (
    id          BIGSERIAL PRIMARY KEY,
    -- NULL silences every rule.
    rule        BIGINT REFERENCES alert_rule (id) ON DELETE CASCADE,
    ends_at     TIMESTAMPTZ NOT NULL,
    reason      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
