-- Statements and scripts belong to the user who ran or wrote them (rows from before users existed
-- have no owner: admins see them).
ALTER TABLE statement_history ADD COLUMN username TEXT;
CREATE INDEX statement_history_user ON statement_history (username, started_at DESC);
ALTER TABLE script ADD COLUMN owner TEXT;

-- Who did what, when, with what outcome: append only (the trigger refuses changes and deletions).
CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    username TEXT        NOT NULL,
    action   TEXT        NOT NULL,
    target   TEXT,
    outcome  TEXT        NOT NULL CHECK (outcome IN ('OK', 'FAILED', 'REFUSED')),
    detail   TEXT
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
