-- Exports of a commune's documents (the DSI hands them to the commune before decommissioning). Decommissioning, which
-- destroys the commune's data key and bucket, is refused while documents changed since the last complete export.
CREATE TABLE document_exports (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    exported_at  timestamptz NOT NULL,
    exported_by  text        NOT NULL,
    documents    integer     NOT NULL CHECK (documents >= 0),
    versions     integer     NOT NULL CHECK (versions >= 0),
    bytes        bigint      NOT NULL CHECK (bytes >= 0)
);
CREATE INDEX document_exports_latest ON document_exports (tenant_id, exported_at DESC);

ALTER TABLE document_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document_exports
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON document_exports FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');

GRANT SELECT, INSERT ON document_exports TO ${app_role};
