-- Every version of the cluster settings an admin applied (slots, parallelism, restart strategy,
-- checkpointing, state backend), who applied it and how the apply ended: the newest version whose
-- outcome is not FAILED is in effect.
CREATE TABLE cluster_settings (
    version    INT         PRIMARY KEY,
    settings   TEXT        NOT NULL,
    changes    TEXT        NOT NULL,
    changed_by TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome    TEXT        NOT NULL CHECK (outcome IN ('APPLYING', 'APPLIED', 'AT_NEXT_START', 'FAILED')),
    message    TEXT
);
