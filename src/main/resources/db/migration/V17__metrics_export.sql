-- PostgreSQL integrations Eddy sends its metrics to (docs/observability.md): the same series as its
-- own history, appended to a table of the admin's naming in that database.
CREATE TABLE metrics_export (
    integration TEXT PRIMARY KEY REFERENCES integration (name) ON DELETE CASCADE,
    table_name  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
