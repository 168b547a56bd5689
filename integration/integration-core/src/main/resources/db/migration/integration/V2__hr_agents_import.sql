-- The agents imports from the commune's HR software: one row per file received (uploaded, or pulled over REST or
-- SFTP), with its per-line errors; and, per agent, the fingerprint of the last line applied, so that a line seen
-- again changes nothing and the same file received twice is applied once. The file itself is not kept.
CREATE TABLE integration_hr_imports (
    id            uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    source        text        NOT NULL CHECK (source IN ('UPLOAD', 'REST', 'SFTP')),
    file_name     text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    encoding      text,
    status        text        NOT NULL CHECK (status IN ('APPLIED', 'PARTIAL', 'REJECTED', 'DUPLICATE')),
    duplicate_of  uuid        REFERENCES integration_hr_imports (id),
    lines         integer     NOT NULL DEFAULT 0,
    applied       integer     NOT NULL DEFAULT 0,
    unchanged     integer     NOT NULL DEFAULT 0,
    created       integer     NOT NULL DEFAULT 0,
    left_count    integer     NOT NULL DEFAULT 0,
    errors        text        NOT NULL DEFAULT '[]',
    received_at   timestamptz NOT NULL,
    received_by   text        NOT NULL
);
-- a file is applied once: a second delivery of the same bytes is recorded as a duplicate of the first
CREATE UNIQUE INDEX integration_hr_imports_once ON integration_hr_imports (tenant_id, sha256)
    WHERE status IN ('APPLIED', 'PARTIAL');
CREATE INDEX integration_hr_imports_at ON integration_hr_imports (tenant_id, received_at DESC);
ALTER TABLE integration_hr_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_hr_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_hr_imports
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON integration_hr_imports FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON integration_hr_imports TO ${app_role};

CREATE TABLE integration_hr_agents (
    tenant_id     text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    username      text        NOT NULL,
    employee_id   text,
    fingerprint   text        NOT NULL,
    import_id     uuid        NOT NULL,
    applied_at    timestamptz NOT NULL,
    left_at       timestamptz,
    PRIMARY KEY (tenant_id, username)
);
ALTER TABLE integration_hr_agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_hr_agents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_hr_agents
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON integration_hr_agents TO ${app_role};

-- when the connector last fetched the agents file (scheduled pulls), and how it went
ALTER TABLE integration_connectors ADD COLUMN last_pull_at timestamptz;
ALTER TABLE integration_connectors ADD COLUMN last_pull_outcome text;
