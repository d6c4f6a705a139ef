-- Functions of Eddy's Flink catalog (issue #19): CREATE FUNCTION from any session, or a function of
-- an uploaded library registered by Eddy. A library's function names its library version instead of
-- a JAR path: whichever gateway reads the catalog writes that JAR from the store where it runs.
CREATE TABLE catalog_function (
    database        TEXT        NOT NULL REFERENCES catalog_database (name),
    name            TEXT        NOT NULL,
    class_name      TEXT        NOT NULL,
    language        TEXT        NOT NULL DEFAULT 'JAVA',
    resources       JSONB       NOT NULL DEFAULT '[]',
    options         JSONB       NOT NULL DEFAULT '{}',
    library         TEXT,
    library_version INT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (database, name),
    -- A library version a function uses cannot be deleted from under it.
    FOREIGN KEY (library, library_version) REFERENCES function_library_version (library, version)
);

-- The library versions a job version was deployed with, so a later upload flags the job.
ALTER TABLE job_version ADD COLUMN library_versions JSONB NOT NULL DEFAULT '{}';
