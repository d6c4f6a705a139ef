-- Eddy's Flink catalog: databases, tables and views every session, job and restart shares.
CREATE TABLE catalog_database (
    name        TEXT PRIMARY KEY,
    comment     TEXT,
    properties  JSONB NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A table or view as Flink serializes it (CatalogPropertiesUtil), current version only.
CREATE TABLE catalog_table (
    database    TEXT NOT NULL REFERENCES catalog_database (name),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('TABLE', 'VIEW')),
    properties  JSONB NOT NULL,
    version     INT NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (database, name)
);

-- Every version a table had, so an edit can be compared with the one before and jobs can tell
-- which version they were deployed with.
CREATE TABLE catalog_table_version (
    database    TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INT NOT NULL,
    kind        TEXT NOT NULL,
    properties  JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (database, name, version)
);
