-- An admin may limit an integration to reading for developers: its tables are sources for them,
-- never sinks (enforced where Flink creates the sink, in Eddy's catalog).
ALTER TABLE integration ADD COLUMN developers_read_only BOOLEAN NOT NULL DEFAULT false;
