-- The shared electronic archive (SAE). A commune's archive units hold objects (files, signature validation reports,
-- the SEDA transfer and its reply) stored immutably in the commune's bucket under "archive/"; their SHA-256 is
-- recorded at ingest and re-checked by fixity audits. Every event lands in the commune's archive journal, a hash chain
-- sealed by timestamps of the platform's TSA. Rows are never deleted: a destroyed unit keeps a destruction record.

-- The commune's retention referential (durée d'utilité administrative and final action), seeded with common durations.
CREATE TABLE archive_rules (
    tenant_id     text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    code          text        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    label         text        NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    duration      text        CHECK (duration ~ '^P[0-9YMD]+$'),
    final_action  text        NOT NULL CHECK (final_action IN ('KEEP', 'DESTROY')),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code),
    CHECK (duration IS NOT NULL OR final_action = 'KEEP')
);
ALTER TABLE archive_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_rules
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_rules FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_rules TO ${app_role};

-- Archival agreements: which services of the commune may transfer, under which rules.
CREATE TABLE archive_agreements (
    tenant_id     text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    identifier    text        NOT NULL CHECK (identifier ~ '^[A-Za-z0-9_.:-]{2,80}$'),
    label         text        NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    services      text[]      NOT NULL,
    rules         text[]      NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, identifier)
);
ALTER TABLE archive_agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_agreements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_agreements
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_agreements FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_agreements TO ${app_role};

CREATE TABLE archive_units (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    reference             text        NOT NULL,
    title                 text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description           text        CHECK (length(description) <= 4000),
    description_level     text        NOT NULL,
    start_date            date,
    end_date              date,
    originating_service   text        NOT NULL,
    keywords              text[]      NOT NULL DEFAULT '{}',
    agreement             text        NOT NULL,
    rule_code             text        NOT NULL,
    rule_label            text        NOT NULL,
    retention_duration    text,
    final_action          text        NOT NULL CHECK (final_action IN ('KEEP', 'DESTROY')),
    retention_start       date        NOT NULL,
    retention_end         date,
    access_restricted_until date,
    source                text        NOT NULL CHECK (source IN ('GED', 'SEDA', 'PLATFORM')),
    source_document_id    uuid,
    source_document_version integer,
    transfer_id           uuid,
    status                text        NOT NULL CHECK (status IN ('ARCHIVED', 'DESTROYED')),
    legal_hold            boolean     NOT NULL DEFAULT false,
    legal_hold_reason     text        CHECK (length(legal_hold_reason) <= 1000),
    total_bytes           bigint      NOT NULL CHECK (total_bytes >= 0),
    archived_by_subject   text        NOT NULL,
    archived_by_name      text        NOT NULL,
    archived_at           timestamptz NOT NULL,
    destroyed_at          timestamptz,
    search_vector         tsvector    NOT NULL,
    CHECK ((status = 'DESTROYED') = (destroyed_at IS NOT NULL)),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    UNIQUE (tenant_id, reference)
);
CREATE INDEX archive_units_archived ON archive_units (tenant_id, archived_at DESC);
CREATE INDEX archive_units_retention ON archive_units (tenant_id, retention_end) WHERE status = 'ARCHIVED' AND final_action = 'DESTROY';
CREATE INDEX archive_units_document ON archive_units (tenant_id, source_document_id);
CREATE INDEX archive_units_search ON archive_units USING gin (search_vector);
ALTER TABLE archive_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_units
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_units FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_units TO ${app_role};

-- Kinds: FILE (a transferred file), VALIDATION_REPORT (signature validation of a file, JSON), SEDA_TRANSFER (the
-- ArchiveTransfer message), SEDA_REPLY (the ArchiveTransferReply). The key is write-once: no row changes it.
CREATE TABLE archive_objects (
    id                uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    unit_id           uuid        NOT NULL REFERENCES archive_units (id),
    kind              text        NOT NULL CHECK (kind IN ('FILE', 'VALIDATION_REPORT', 'SEDA_TRANSFER', 'SEDA_REPLY')),
    file_name         text        NOT NULL,
    mime_type         text        NOT NULL,
    size              bigint      NOT NULL CHECK (size >= 0),
    sha256            text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key       text        NOT NULL UNIQUE,
    stored_at         timestamptz NOT NULL,
    last_checked_at   timestamptz,
    last_check        text        CHECK (last_check IN ('OK', 'ALTERED', 'MISSING')),
    deleted_at        timestamptz
);
CREATE INDEX archive_objects_unit ON archive_objects (unit_id);
CREATE INDEX archive_objects_tenant ON archive_objects (tenant_id) WHERE deleted_at IS NULL;
ALTER TABLE archive_objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_objects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_objects
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_objects FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_objects TO ${app_role};

-- SEDA transfers received through the API, accepted or rejected, with the reply sent.
CREATE TABLE archive_transfers (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    message_identifier    text,
    received_at           timestamptz NOT NULL,
    received_by_subject   text        NOT NULL,
    received_by_name      text        NOT NULL,
    status                text        NOT NULL CHECK (status IN ('ACCEPTED', 'REJECTED')),
    unit_id               uuid        REFERENCES archive_units (id),
    reasons               text[]      NOT NULL DEFAULT '{}',
    reply                 bytea       NOT NULL,
    CHECK ((status = 'ACCEPTED') = (unit_id IS NOT NULL))
);
CREATE UNIQUE INDEX archive_transfers_accepted_message ON archive_transfers (tenant_id, message_identifier) WHERE status = 'ACCEPTED';
CREATE INDEX archive_transfers_received ON archive_transfers (tenant_id, received_at DESC);
ALTER TABLE archive_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_transfers
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_transfers FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON archive_transfers TO ${app_role};

-- The archive journal: append-only (the application may only read and insert), each entry hashes the previous one.
CREATE TABLE archive_journal (
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    seq            bigint      NOT NULL CHECK (seq >= 1),
    id             uuid        NOT NULL UNIQUE,
    at             timestamptz NOT NULL,
    event_type     text        NOT NULL,
    unit_id        uuid,
    object_id      uuid,
    actor_subject  text        NOT NULL,
    actor_name     text        NOT NULL,
    details        text        NOT NULL,
    prev_hash      text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX archive_journal_unit ON archive_journal (tenant_id, unit_id, seq) WHERE unit_id IS NOT NULL;
ALTER TABLE archive_journal ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_journal FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_journal
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_journal FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON archive_journal TO ${app_role};

-- Seals: an RFC 3161 timestamp of the platform's TSA over the hash of the last entry of a day (DAILY) or of the chain's
-- head when the DSI asks (ON_DEMAND).
CREATE TABLE archive_seals (
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    seq            bigint      NOT NULL,
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    kind           text        NOT NULL CHECK (kind IN ('DAILY', 'ON_DEMAND')),
    day            date        NOT NULL,
    token          bytea       NOT NULL,
    sealed_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, seq),
    FOREIGN KEY (tenant_id, seq) REFERENCES archive_journal (tenant_id, seq)
);
CREATE UNIQUE INDEX archive_seals_daily ON archive_seals (tenant_id, day) WHERE kind = 'DAILY';
ALTER TABLE archive_seals ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_seals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_seals
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_seals FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON archive_seals TO ${app_role};

-- Fixity audits and the alerts they raise (visible to the commune and to the DSI).
CREATE TABLE archive_fixity_runs (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    trigger         text        NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND')),
    requested_by    text        NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    checked         integer     NOT NULL DEFAULT 0,
    intact          integer     NOT NULL DEFAULT 0,
    altered         integer     NOT NULL DEFAULT 0,
    missing         integer     NOT NULL DEFAULT 0,
    unreachable     boolean     NOT NULL DEFAULT false
);
CREATE INDEX archive_fixity_runs_started ON archive_fixity_runs (tenant_id, started_at DESC);
ALTER TABLE archive_fixity_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_fixity_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_fixity_runs
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_fixity_runs FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_fixity_runs TO ${app_role};

CREATE TABLE archive_alerts (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    run_id          uuid        NOT NULL REFERENCES archive_fixity_runs (id),
    unit_id         uuid        NOT NULL REFERENCES archive_units (id),
    object_id       uuid        NOT NULL REFERENCES archive_objects (id),
    kind            text        NOT NULL CHECK (kind IN ('ALTERED', 'MISSING')),
    detail          text        NOT NULL,
    detected_at     timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolved_by     text,
    resolution      text
);
CREATE UNIQUE INDEX archive_alerts_open ON archive_alerts (object_id) WHERE resolved_at IS NULL;
CREATE INDEX archive_alerts_tenant ON archive_alerts (tenant_id, detected_at DESC);
ALTER TABLE archive_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_alerts
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON archive_alerts FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON archive_alerts TO ${app_role};
