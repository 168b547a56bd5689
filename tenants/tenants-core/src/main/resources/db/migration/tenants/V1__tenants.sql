-- Tenants: one row per commune (tenant_id = INSEE code), and the per-tenant resource registry.
-- Both tables are tenant-owned and under Row-Level Security like every other: a commune's users see their own row
-- only; the DSI operator reads every row through the cross-tenant read policy and writes a commune's rows only while
-- bound to that commune. The application role has no DELETE: a commune is decommissioned, never erased by the app.
CREATE TABLE tenants (
    tenant_id              text        PRIMARY KEY
                                       CHECK (tenant_id ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    postal_code            text        NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
    population             integer     NOT NULL CHECK (population BETWEEN 0 AND 10000000),
    status                 text        NOT NULL CHECK (status IN ('PROVISIONING', 'PROVISIONING_FAILED', 'ACTIVE',
                                                                  'SUSPENDED', 'DECOMMISSIONED')),
    status_reason          text        CHECK (length(status_reason) <= 1000),
    contact_name           text        CHECK (length(contact_name) <= 120),
    contact_email          text        CHECK (length(contact_email) <= 254),
    contact_phone          text        CHECK (length(contact_phone) <= 30),
    convention_number      text        CHECK (length(convention_number) <= 64),
    convention_signed_on   date,
    admin_username         text        NOT NULL CHECK (length(admin_username) BETWEEN 3 AND 64),
    admin_first_name       text        NOT NULL CHECK (length(admin_first_name) BETWEEN 1 AND 80),
    admin_last_name        text        NOT NULL CHECK (length(admin_last_name) BETWEEN 1 AND 80),
    admin_email            text        NOT NULL CHECK (length(admin_email) BETWEEN 3 AND 254),
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                bigint      NOT NULL DEFAULT 0
);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON tenants FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON tenants TO ${app_role};

CREATE TABLE tenant_resources (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    kind         text        NOT NULL CHECK (kind ~ '^[a-z0-9]+(\.[a-z0-9-]+)+$'),
    external_id  text        NOT NULL CHECK (length(external_id) BETWEEN 1 AND 255),
    description  text        CHECK (length(description) <= 500),
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, kind)
);

ALTER TABLE tenant_resources ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_resources FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_resources
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON tenant_resources FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON tenant_resources TO ${app_role};
