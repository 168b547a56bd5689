-- A commune may have the platform archive the documents its signature circuits signed: a request is written in the
-- transaction that closes the parapheur folder (so that a crash after the commit loses nothing) and a worker turns it
-- into an archive unit (retried by the archive's periodic task until done).
CREATE TABLE archive_settings (
    tenant_id           text        PRIMARY KEY REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    auto_archive_signed boolean     NOT NULL DEFAULT false,
    service             text        NOT NULL,
    rule_code           text        NOT NULL,
    updated_at          timestamptz NOT NULL,
    updated_by          text        NOT NULL
);
ALTER TABLE archive_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_settings
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_settings FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_settings TO ${app_role};

CREATE TABLE archive_auto_requests (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    folder_id       uuid        NOT NULL UNIQUE,
    document_id     uuid        NOT NULL,
    service         text        NOT NULL,
    rule_code       text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    last_error      text,
    unit_id         uuid        REFERENCES archive_units (id),
    done_at         timestamptz,
    CHECK ((done_at IS NULL) = (unit_id IS NULL))
);
CREATE INDEX archive_auto_requests_pending ON archive_auto_requests (tenant_id, created_at) WHERE done_at IS NULL;
ALTER TABLE archive_auto_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_auto_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_auto_requests
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_auto_requests FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_auto_requests TO ${app_role};
