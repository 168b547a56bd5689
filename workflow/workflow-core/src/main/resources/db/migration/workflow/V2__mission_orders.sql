-- Mission orders (ordres de mission): the agent asks, the manager approves, the budget line is checked and the
-- estimated cost reserved, the order PDF is signed by the commune's authorised signer through the parapheur and kept
-- in the GED, then the agent files the actual expenses with receipts, checked against the order.

ALTER TABLE workflow_events DROP CONSTRAINT workflow_events_event_type_check;
ALTER TABLE workflow_events ADD CONSTRAINT workflow_events_event_type_check
    CHECK (event_type IN ('leave.approved', 'leave.cancelled', 'mission.signed', 'mission.expenses-approved'));

-- Per commune: who signs mission orders, and the allowance rates when they differ from the national defaults.
CREATE TABLE mission_settings (
    tenant_id        text        PRIMARY KEY REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    signer_username  text        NOT NULL CHECK (length(signer_username) BETWEEN 1 AND 255),
    signer_label     text        NOT NULL CHECK (length(signer_label) BETWEEN 1 AND 120),
    rates            jsonb,
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL
);
ALTER TABLE mission_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE mission_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mission_settings
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON mission_settings FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON mission_settings TO ${app_role};

-- Internal budget lines per service and year (the finance connector will replace them): what is voted, what is
-- committed by mission orders.
CREATE TABLE budget_lines (
    tenant_id   text           NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    code        text           NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
    year        integer        NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    label       text           NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    service     text           CHECK (length(service) <= 200),
    amount      numeric(14, 2) NOT NULL CHECK (amount >= 0),
    committed   numeric(14, 2) NOT NULL DEFAULT 0 CHECK (committed >= 0),
    updated_at  timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, code, year)
);
ALTER TABLE budget_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budget_lines
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON budget_lines FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON budget_lines TO ${app_role};

-- One reservation per order and line: reserving twice changes nothing, releasing gives back what remains.
CREATE TABLE budget_commitments (
    tenant_id   text           NOT NULL,
    order_id    uuid           NOT NULL,
    code        text           NOT NULL,
    year        integer        NOT NULL,
    reference   text           NOT NULL,
    amount      numeric(14, 2) NOT NULL CHECK (amount >= 0),
    released    numeric(14, 2) NOT NULL DEFAULT 0 CHECK (released >= 0 AND released <= amount),
    created_at  timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, order_id),
    FOREIGN KEY (tenant_id, code, year) REFERENCES budget_lines (tenant_id, code, year)
);
ALTER TABLE budget_commitments ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_commitments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budget_commitments
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON budget_commitments FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON budget_commitments TO ${app_role};

CREATE TABLE mission_orders (
    id                   uuid           PRIMARY KEY,
    tenant_id            text           NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    agent_username       text           NOT NULL,
    agent_name           text           NOT NULL,
    purpose              text           NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
    destination          text           NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
    destination_population integer      NOT NULL CHECK (destination_population >= 0),
    paris                boolean        NOT NULL,
    departure            timestamp      NOT NULL,
    return_at            timestamp      NOT NULL CHECK (return_at > departure),
    transport            text           NOT NULL CHECK (transport IN ('TRAIN', 'PUBLIC_TRANSPORT', 'PERSONAL_CAR', 'SERVICE_CAR')),
    horsepower           integer        NOT NULL CHECK (horsepower BETWEEN 0 AND 50),
    distance_km          integer        NOT NULL CHECK (distance_km BETWEEN 0 AND 20000),
    fare                 numeric(10, 2) NOT NULL CHECK (fare >= 0),
    budget_line          text           NOT NULL,
    budget_year          integer        NOT NULL,
    meals                integer        NOT NULL,
    nights               integer        NOT NULL,
    meals_amount         numeric(10, 2) NOT NULL,
    nights_amount        numeric(10, 2) NOT NULL,
    transport_amount     numeric(10, 2) NOT NULL,
    estimated_total      numeric(10, 2) NOT NULL,
    status               text           NOT NULL CHECK (status IN ('PENDING', 'SIGNING', 'SIGNED', 'REFUSED', 'CANCELLED', 'EXPENSES_FILED', 'CLOSED')),
    process_instance_id  text,
    process_version      integer,
    decided_by           text,
    decision_reason      text           CHECK (length(decision_reason) <= 1000),
    commitment_ref       text,
    document_id          uuid,
    folder_id            uuid,
    expenses_total       numeric(10, 2),
    reimbursable_total   numeric(10, 2),
    created_at           timestamptz    NOT NULL,
    signed_at            timestamptz,
    closed_at            timestamptz,
    UNIQUE (tenant_id, id)
);
CREATE INDEX mission_orders_agent ON mission_orders (tenant_id, agent_username, departure DESC);
CREATE INDEX mission_orders_folder ON mission_orders (folder_id);
ALTER TABLE mission_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE mission_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mission_orders
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON mission_orders FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON mission_orders TO ${app_role};

-- The actual expenses (état de frais), line by line with their receipt in the GED, and what is reimbursable after
-- the checks against the order and the rates.
CREATE TABLE mission_expenses (
    id                   uuid           PRIMARY KEY,
    tenant_id            text           NOT NULL,
    mission_id           uuid           NOT NULL,
    position             integer        NOT NULL,
    kind                 text           NOT NULL CHECK (kind IN ('MEAL', 'NIGHT', 'TRANSPORT', 'OTHER')),
    day                  date           NOT NULL,
    amount               numeric(10, 2) NOT NULL CHECK (amount > 0),
    label                text           CHECK (length(label) <= 200),
    receipt_document_id  uuid,
    reimbursable         numeric(10, 2) NOT NULL CHECK (reimbursable >= 0),
    note                 text           CHECK (length(note) <= 500),
    filed_at             timestamptz    NOT NULL,
    FOREIGN KEY (tenant_id, mission_id) REFERENCES mission_orders (tenant_id, id)
);
CREATE INDEX mission_expenses_mission ON mission_expenses (tenant_id, mission_id, position);
ALTER TABLE mission_expenses ENABLE ROW LEVEL SECURITY;
ALTER TABLE mission_expenses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mission_expenses
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON mission_expenses FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, DELETE ON mission_expenses TO ${app_role};
