-- Disposal (élimination): a commune administrator proposes units whose retention has ended with final action
-- DESTROY; the commune (commune-admin) and the archives authority (role archivist) both approve, by two different
-- people; the units are then reduced to a destruction record, their objects deleted, and a destruction certificate
-- (PDF) is kept. A unit is in at most one pending proposal.
CREATE TABLE archive_disposals (
    id                          uuid        PRIMARY KEY,
    tenant_id                   text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    status                      text        NOT NULL CHECK (status IN ('PENDING', 'DESTROYED', 'REJECTED')),
    comment                     text        CHECK (length(comment) <= 2000),
    created_by_subject          text        NOT NULL,
    created_by_name             text        NOT NULL,
    created_at                  timestamptz NOT NULL,
    commune_approved_by_subject text,
    commune_approved_by_name    text,
    commune_approved_at         timestamptz,
    authority_approved_by_subject text,
    authority_approved_by_name  text,
    authority_approved_at       timestamptz,
    rejected_by_name            text,
    rejected_at                 timestamptz,
    rejection_reason            text        CHECK (length(rejection_reason) <= 2000),
    destroyed_at                timestamptz,
    certificate                 bytea,
    certificate_sha256          text,
    CHECK ((status = 'DESTROYED') = (destroyed_at IS NOT NULL AND certificate IS NOT NULL)),
    CHECK (commune_approved_by_subject IS NULL OR authority_approved_by_subject IS NULL
           OR commune_approved_by_subject <> authority_approved_by_subject)
);
CREATE INDEX archive_disposals_created ON archive_disposals (tenant_id, created_at DESC);
ALTER TABLE archive_disposals ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_disposals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_disposals
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_disposals FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_disposals TO ${app_role};

CREATE TABLE archive_disposal_units (
    disposal_id     uuid        NOT NULL REFERENCES archive_disposals (id),
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    unit_id         uuid        NOT NULL REFERENCES archive_units (id),
    reference       text        NOT NULL,
    title           text        NOT NULL,
    rule_code       text        NOT NULL,
    retention_end   date        NOT NULL,
    total_bytes     bigint      NOT NULL,
    pending         boolean     NOT NULL DEFAULT true,
    PRIMARY KEY (disposal_id, unit_id)
);
CREATE UNIQUE INDEX archive_disposal_units_one_pending ON archive_disposal_units (unit_id) WHERE pending;
ALTER TABLE archive_disposal_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_disposal_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_disposal_units
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_disposal_units FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_disposal_units TO ${app_role};

-- The destroyed objects are deleted from the store after the destruction commits; purged_at says it was done
-- (the archive's periodic task retries what a failure left).
ALTER TABLE archive_objects ADD COLUMN purged_at timestamptz;
CREATE INDEX archive_objects_to_purge ON archive_objects (tenant_id) WHERE deleted_at IS NOT NULL AND purged_at IS NULL;
ALTER TABLE archive_units ADD COLUMN disposal_id uuid REFERENCES archive_disposals (id);

-- Complete exports of a commune's archive (SEDA 2.2 packages), made before its decommissioning: the journal's head
-- at the time says whether anything changed since.
CREATE TABLE archive_exports (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    exported_at     timestamptz NOT NULL,
    exported_by     text        NOT NULL,
    units           integer     NOT NULL,
    bytes           bigint      NOT NULL,
    journal_seq     bigint      NOT NULL
);
ALTER TABLE archive_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_exports
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_exports FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON archive_exports TO ${app_role};
