-- Internal procedures of the communes (leave requests; mission orders come next). The processes themselves run on
-- Flowable in its own schema (created by the engine's bootstrap as the schema owner, see ADR 0007); these tables hold
-- what the platform owns: settings, the agents' HR data, balances, the requests and their history, notifications and
-- the events the HR connector will export. Every table is tenant-owned under forced Row-Level Security.

-- Per commune: whether HR validates after the manager, how many working days a manager has before the reminder
-- and the escalation to their own manager.
CREATE TABLE workflow_settings (
    tenant_id                 text        PRIMARY KEY REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    hr_validation             boolean     NOT NULL DEFAULT false,
    reminder_working_days     integer     NOT NULL DEFAULT 5 CHECK (reminder_working_days BETWEEN 1 AND 60),
    updated_by                text        NOT NULL,
    updated_at                timestamptz NOT NULL
);
ALTER TABLE workflow_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_settings
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON workflow_settings FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON workflow_settings TO ${app_role};

-- The agents' HR data the procedures need (service, manager, working pattern). Seeded for the demo; the HR
-- connector feeds it later. working_pattern lists the half days worked: MON,TUE,WED_AM,THU,FRI.
CREATE TABLE workflow_agents (
    tenant_id         text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    username          text        NOT NULL CHECK (length(username) BETWEEN 1 AND 255),
    display_name      text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    service           text        CHECK (length(service) <= 200),
    manager_username  text        CHECK (length(manager_username) <= 255 AND manager_username <> username),
    working_pattern   text        NOT NULL DEFAULT 'MON,TUE,WED,THU,FRI'
                                  CHECK (working_pattern ~ '^(MON|TUE|WED|THU|FRI|SAT|SUN)(_AM|_PM)?(,(MON|TUE|WED|THU|FRI|SAT|SUN)(_AM|_PM)?)*$'),
    active            boolean     NOT NULL DEFAULT true,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, username)
);
CREATE INDEX workflow_agents_manager ON workflow_agents (tenant_id, manager_username);
ALTER TABLE workflow_agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_agents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_agents
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON workflow_agents FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON workflow_agents TO ${app_role};

-- Leave types of a commune: CA, RTT, CET are created for every commune on first use; a commune adds its own.
CREATE TABLE leave_types (
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    code           text        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
    label          text        NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    tracks_balance boolean     NOT NULL DEFAULT true,
    active         boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);
ALTER TABLE leave_types ENABLE ROW LEVEL SECURITY;
ALTER TABLE leave_types FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON leave_types
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON leave_types FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON leave_types TO ${app_role};

-- Balance per agent and type, in days with half-day precision. Only changed by the platform: approval debits,
-- cancellation of an approved leave credits back, seeding or the HR connector set it; every change is a movement.
CREATE TABLE leave_balances (
    tenant_id   text          NOT NULL,
    username    text          NOT NULL,
    type_code   text          NOT NULL,
    days        numeric(6, 1) NOT NULL CHECK (days * 2 = trunc(days * 2)),
    updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, username, type_code),
    FOREIGN KEY (tenant_id, type_code) REFERENCES leave_types (tenant_id, code)
);
ALTER TABLE leave_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE leave_balances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON leave_balances
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON leave_balances FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON leave_balances TO ${app_role};

CREATE TABLE leave_balance_movements (
    id          uuid          PRIMARY KEY,
    tenant_id   text          NOT NULL,
    username    text          NOT NULL,
    type_code   text          NOT NULL,
    delta       numeric(6, 1) NOT NULL,
    balance     numeric(6, 1) NOT NULL,
    reason      text          NOT NULL CHECK (reason IN ('SEED', 'HR_IMPORT', 'APPROVAL', 'CANCELLATION', 'ADJUSTMENT')),
    request_id  uuid,
    at          timestamptz   NOT NULL,
    FOREIGN KEY (tenant_id, username, type_code) REFERENCES leave_balances (tenant_id, username, type_code)
);
CREATE INDEX leave_balance_movements_agent ON leave_balance_movements (tenant_id, username, at);
ALTER TABLE leave_balance_movements ENABLE ROW LEVEL SECURITY;
ALTER TABLE leave_balance_movements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON leave_balance_movements
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON leave_balance_movements FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON leave_balance_movements TO ${app_role};

CREATE TABLE leave_requests (
    id                   uuid          PRIMARY KEY,
    tenant_id            text          NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    agent_username       text          NOT NULL,
    agent_name           text          NOT NULL,
    type_code            text          NOT NULL,
    start_date           date          NOT NULL,
    start_half           text          NOT NULL CHECK (start_half IN ('MORNING', 'AFTERNOON')),
    end_date             date          NOT NULL,
    end_half             text          NOT NULL CHECK (end_half IN ('MORNING', 'AFTERNOON')),
    working_days         numeric(6, 1) NOT NULL CHECK (working_days > 0),
    comment              text          CHECK (length(comment) <= 1000),
    status               text          NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED', 'CANCELLED')),
    process_instance_id  text,
    process_version      integer,
    decided_by           text,
    decision_reason      text          CHECK (length(decision_reason) <= 1000),
    created_at           timestamptz   NOT NULL,
    decided_at           timestamptz,
    cancelled_at         timestamptz,
    CHECK (end_date >= start_date),
    FOREIGN KEY (tenant_id, type_code) REFERENCES leave_types (tenant_id, code)
);
CREATE INDEX leave_requests_agent ON leave_requests (tenant_id, agent_username, start_date);
CREATE INDEX leave_requests_period ON leave_requests (tenant_id, status, start_date, end_date);
ALTER TABLE leave_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE leave_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON leave_requests
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON leave_requests FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON leave_requests TO ${app_role};

-- History of a procedure (leave request, later mission order): who did what, when.
CREATE TABLE workflow_history (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    subject_kind   text        NOT NULL CHECK (subject_kind IN ('LEAVE', 'MISSION')),
    subject_id     uuid        NOT NULL,
    at             timestamptz NOT NULL,
    action         text        NOT NULL CHECK (length(action) BETWEEN 1 AND 60),
    actor_username text        NOT NULL,
    actor_name     text        NOT NULL,
    detail         text        CHECK (length(detail) <= 1000)
);
CREATE INDEX workflow_history_subject ON workflow_history (tenant_id, subject_kind, subject_id, at);
ALTER TABLE workflow_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_history FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_history
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON workflow_history FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON workflow_history TO ${app_role};

CREATE TABLE workflow_notifications (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    recipient      text        NOT NULL,
    subject_kind   text        NOT NULL CHECK (subject_kind IN ('LEAVE', 'MISSION')),
    subject_id     uuid        NOT NULL,
    kind           text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    message        text        NOT NULL CHECK (length(message) BETWEEN 1 AND 1000),
    at             timestamptz NOT NULL,
    read_at        timestamptz
);
CREATE INDEX workflow_notifications_recipient ON workflow_notifications (tenant_id, recipient, at DESC);
ALTER TABLE workflow_notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_notifications
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON workflow_notifications FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON workflow_notifications TO ${app_role};

-- Events for the HR connector (issue: Camel integrations): approved and cancelled leaves, written in the transaction
-- of the change; the connector's dispatcher marks them sent.
CREATE TABLE workflow_events (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    event_type     text        NOT NULL CHECK (event_type IN ('leave.approved', 'leave.cancelled')),
    subject_id     uuid        NOT NULL,
    payload        jsonb       NOT NULL,
    at             timestamptz NOT NULL,
    dispatched_at  timestamptz,
    UNIQUE (tenant_id, event_type, subject_id)
);
CREATE INDEX workflow_events_pending ON workflow_events (at) WHERE dispatched_at IS NULL;
ALTER TABLE workflow_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_events
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON workflow_events FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON workflow_events TO ${app_role};
