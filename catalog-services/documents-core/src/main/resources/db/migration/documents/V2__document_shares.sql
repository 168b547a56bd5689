-- Time-limited share links inside a commune. The link carries a random token; only its SHA-256 is stored, so that a
-- database dump does not hand out working links. Opening a link needs an authenticated member of the same commune:
-- the lookup runs under Row-Level Security, so another commune's agent finds nothing (404).
CREATE TABLE document_shares (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    document_id     uuid        NOT NULL,
    -- the version shared; NULL shares whatever version is current when the link is opened
    version_number  integer     CHECK (version_number IS NULL OR version_number > 0),
    token_sha256    text        NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_by      text,
    CHECK (expires_at > created_at),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX document_shares_document ON document_shares (tenant_id, document_id, created_at DESC);

ALTER TABLE document_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document_shares
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON document_shares FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');

GRANT SELECT, INSERT, UPDATE ON document_shares TO ${app_role};
