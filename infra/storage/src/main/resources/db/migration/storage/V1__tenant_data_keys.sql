-- Each commune's data key, wrapped (AES-GCM) by the platform master key identified by master_key_id. Destroying it
-- (wrapped_key set to NULL) makes every object of the commune unreadable: crypto-shredding at decommissioning.
-- The application role cannot DELETE: a key is destroyed, and the destruction stays on record.
CREATE TABLE tenant_data_keys (
    tenant_id      text        PRIMARY KEY REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    key_id         uuid        NOT NULL UNIQUE,
    wrapped_key    bytea,
    wrap_nonce     bytea,
    master_key_id  text        NOT NULL CHECK (length(master_key_id) BETWEEN 1 AND 64),
    created_at     timestamptz NOT NULL,
    destroyed_at   timestamptz,
    version        bigint      NOT NULL DEFAULT 0,
    CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL)),
    CHECK ((wrapped_key IS NULL) = (wrap_nonce IS NULL))
);

ALTER TABLE tenant_data_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_data_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_data_keys
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON tenant_data_keys FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON tenant_data_keys TO ${app_role};
