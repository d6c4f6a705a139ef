-- OpenSearch services receive Eddy's and its cluster's logs (observe.LogShipping).
ALTER TABLE integration DROP CONSTRAINT integration_kind_check;
ALTER TABLE integration ADD CONSTRAINT integration_kind_check CHECK (kind IN ('KAFKA', 'POSTGRES', 'OPENSEARCH'));
