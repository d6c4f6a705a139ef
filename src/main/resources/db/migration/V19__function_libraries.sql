-- JARs of user-defined functions (issue #19): each upload is a new version of its library, kept
-- whole with its checksum and the functions Eddy read from its class files.
CREATE TABLE function_library (
    name       TEXT PRIMARY KEY,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE function_library_version (
    library     TEXT        NOT NULL REFERENCES function_library (name) ON DELETE CASCADE,
    version     INT         NOT NULL,
    file_name   TEXT        NOT NULL,
    jar         BYTEA       NOT NULL,
    sha256      TEXT        NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    functions   JSONB       NOT NULL,
    uploaded_by TEXT        NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (library, version)
);
