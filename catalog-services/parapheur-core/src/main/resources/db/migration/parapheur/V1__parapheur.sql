-- The shared parapheur. A commune's administrators define circuit templates (ordered stages of visa and signature
-- steps, each assigned to a named person or to a role); agents submit a PDF of the GED into a circuit, which becomes a
-- folder whose steps are acted upon stage by stage. Nothing is deleted: folders end approved, rejected or withdrawn,
-- templates are archived, delegations revoked, and every action stays in the folder's history.
CREATE TABLE parapheur_templates (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description  text        CHECK (length(description) <= 1000),
    steps        jsonb       NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    archived_at  timestamptz
);
CREATE UNIQUE INDEX parapheur_templates_name ON parapheur_templates (tenant_id, lower(name)) WHERE archived_at IS NULL;
ALTER TABLE parapheur_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_templates
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_templates FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON parapheur_templates TO ${app_role};

CREATE TABLE parapheur_folders (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    template_id         uuid        NOT NULL REFERENCES parapheur_templates (id),
    template_name       text        NOT NULL,
    document_id         uuid        NOT NULL REFERENCES documents (id),
    submitted_version   integer     NOT NULL CHECK (submitted_version >= 1),
    working_version     integer     NOT NULL CHECK (working_version >= submitted_version),
    title               text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    message             text        CHECK (length(message) <= 2000),
    due_date            date,
    submitter_subject   text        NOT NULL,
    submitter_username  text        NOT NULL,
    submitter_name      text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('IN_PROGRESS', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    current_stage       integer     NOT NULL CHECK (current_stage >= 1),
    signatures          integer     NOT NULL DEFAULT 0 CHECK (signatures >= 0),
    created_at          timestamptz NOT NULL,
    closed_at           timestamptz,
    CHECK ((status = 'IN_PROGRESS') = (closed_at IS NULL))
);
CREATE INDEX parapheur_folders_submitter ON parapheur_folders (tenant_id, submitter_subject, created_at DESC);
CREATE INDEX parapheur_folders_status ON parapheur_folders (tenant_id, status, created_at DESC);
CREATE INDEX parapheur_folders_document ON parapheur_folders (document_id);
ALTER TABLE parapheur_folders ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_folders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_folders
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_folders FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON parapheur_folders TO ${app_role};

-- WAITING: a later stage; PENDING: current stage, to act upon; SIGNING: claimed while a signature is being made (one
-- per folder at a time, so parallel signers of a stage sign one after the other, each on the previous one's output).
CREATE TABLE parapheur_steps (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    folder_id             uuid        NOT NULL REFERENCES parapheur_folders (id),
    stage                 integer     NOT NULL CHECK (stage >= 1),
    position              integer     NOT NULL CHECK (position >= 0),
    kind                  text        NOT NULL CHECK (kind IN ('VISA', 'SIGNATURE')),
    assignee_username     text,
    assignee_name         text,
    assignee_role         text,
    label                 text        CHECK (length(label) <= 120),
    status                text        NOT NULL CHECK (status IN ('WAITING', 'PENDING', 'SIGNING', 'DONE', 'REJECTED', 'CANCELLED')),
    claimed_at            timestamptz,
    acted_by_subject      text,
    acted_by_username     text,
    acted_by_name         text,
    on_behalf_of_username text,
    on_behalf_of_name     text,
    acted_at              timestamptz,
    comment               text        CHECK (length(comment) <= 2000),
    certificate_serial    text,
    certificate_subject   text,
    certificate_sha256    text,
    signature_level       text,
    produced_version      integer,
    CHECK ((assignee_username IS NULL) <> (assignee_role IS NULL)),
    UNIQUE (folder_id, position)
);
CREATE UNIQUE INDEX parapheur_steps_one_signing ON parapheur_steps (folder_id) WHERE status = 'SIGNING';
CREATE INDEX parapheur_steps_person ON parapheur_steps (tenant_id, lower(assignee_username)) WHERE status = 'PENDING';
CREATE INDEX parapheur_steps_role ON parapheur_steps (tenant_id, assignee_role) WHERE status = 'PENDING';
ALTER TABLE parapheur_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_steps
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_steps FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON parapheur_steps TO ${app_role};

CREATE TABLE parapheur_events (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    folder_id           uuid        NOT NULL REFERENCES parapheur_folders (id),
    step_id             uuid        REFERENCES parapheur_steps (id),
    at                  timestamptz NOT NULL,
    action              text        NOT NULL,
    actor_username      text        NOT NULL,
    actor_name          text        NOT NULL,
    on_behalf_of_name   text,
    comment             text,
    certificate_serial  text,
    certificate_subject text,
    document_version    integer
);
CREATE INDEX parapheur_events_folder ON parapheur_events (folder_id, at);
ALTER TABLE parapheur_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_events
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_events FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON parapheur_events TO ${app_role};

CREATE TABLE parapheur_delegations (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    delegator_username  text        NOT NULL,
    delegator_name      text        NOT NULL,
    delegate_username   text        NOT NULL,
    delegate_name       text        NOT NULL,
    starts_on           date        NOT NULL,
    ends_on             date        NOT NULL CHECK (ends_on >= starts_on),
    reason              text        CHECK (length(reason) <= 500),
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz,
    CHECK (lower(delegator_username) <> lower(delegate_username))
);
CREATE INDEX parapheur_delegations_delegate ON parapheur_delegations (tenant_id, lower(delegate_username)) WHERE revoked_at IS NULL;
CREATE INDEX parapheur_delegations_delegator ON parapheur_delegations (tenant_id, lower(delegator_username)) WHERE revoked_at IS NULL;
ALTER TABLE parapheur_delegations ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_delegations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_delegations
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_delegations FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON parapheur_delegations TO ${app_role};

-- What the submitter is told (rejection, approval): shown in the portal until read.
CREATE TABLE parapheur_notifications (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    recipient_subject   text        NOT NULL,
    folder_id           uuid        NOT NULL REFERENCES parapheur_folders (id),
    kind                text        NOT NULL CHECK (kind IN ('REJECTED', 'APPROVED')),
    message             text        NOT NULL,
    created_at          timestamptz NOT NULL,
    read_at             timestamptz
);
CREATE INDEX parapheur_notifications_unread ON parapheur_notifications (tenant_id, recipient_subject) WHERE read_at IS NULL;
ALTER TABLE parapheur_notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE parapheur_notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON parapheur_notifications
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON parapheur_notifications FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON parapheur_notifications TO ${app_role};
