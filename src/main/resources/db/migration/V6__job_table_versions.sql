-- The version of each table a job version was deployed against, so a later edit of a table can
-- flag the jobs still running against the older definition.
ALTER TABLE job_version ADD COLUMN table_versions JSONB NOT NULL DEFAULT '{}';
