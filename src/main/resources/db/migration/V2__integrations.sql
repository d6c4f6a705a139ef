-- Kafka and PostgreSQL services Eddy knows. Settings hold nothing secret; secrets are one
-- AES-GCM-encrypted JSON object, never readable from the database alone.
CREATE TABLE integration (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    kind       TEXT        NOT NULL CHECK (kind IN ('KAFKA', 'POSTGRES')),
    settings   JSONB       NOT NULL DEFAULT '{}',
    secrets    BYTEA,
    built_in   BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
