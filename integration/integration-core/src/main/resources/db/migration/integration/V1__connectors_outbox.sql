-- Connectors of a commune to its HR and finance software, the transactional outbox of what the platform sends them,
-- and the exchange log. Credentials are sealed with the commune's data key (AES-GCM, bound to their purpose) and never
-- leave the platform: the API only says whether one is set.
CREATE TABLE integration_connectors (
    tenant_id        text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    kind             text        NOT NULL CHECK (kind IN ('HR', 'FINANCE')),
    transport        text        NOT NULL CHECK (transport IN ('REST', 'SFTP')),
    endpoint         text        NOT NULL CHECK (length(endpoint) BETWEEN 1 AND 500),
    username         text        CHECK (length(username) <= 200),
    secret           bytea,
    schedule_minutes integer     NOT NULL DEFAULT 60 CHECK (schedule_minutes BETWEEN 5 AND 10080),
    mappings         text        NOT NULL DEFAULT '{}',
    enabled          boolean     NOT NULL DEFAULT true,
    updated_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
ALTER TABLE integration_connectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_connectors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_connectors
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON integration_connectors FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE, DELETE ON integration_connectors TO ${app_role};

-- PENDING: to deliver when next_attempt_at is due; SENT: the counterpart acknowledged it; DEAD: the last attempt
-- failed, kept for an operator's replay.
CREATE TABLE integration_outbox (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    connector        text        NOT NULL CHECK (connector IN ('HR', 'FINANCE')),
    flow             text        NOT NULL CHECK (length(flow) BETWEEN 1 AND 80),
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DEAD')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    claimed_until    timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX integration_outbox_due ON integration_outbox (tenant_id, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX integration_outbox_dead ON integration_outbox (tenant_id, created_at DESC) WHERE status = 'DEAD';
ALTER TABLE integration_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_outbox
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON integration_outbox FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON integration_outbox TO ${app_role};

-- Every attempt and every replay, with its outcome.
CREATE TABLE integration_exchanges (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    message_id       uuid        REFERENCES integration_outbox (id),
    direction        text        NOT NULL CHECK (direction IN ('OUT', 'IN')),
    connector        text        NOT NULL,
    flow             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('SENT', 'FAILED', 'DEAD', 'REPLAYED', 'RECEIVED')),
    attempt          integer     NOT NULL,
    at               timestamptz NOT NULL,
    duration_ms      integer,
    correlation_id   text        NOT NULL,
    detail           text
);
CREATE INDEX integration_exchanges_at ON integration_exchanges (tenant_id, at DESC);
CREATE INDEX integration_exchanges_message ON integration_exchanges (message_id);
ALTER TABLE integration_exchanges ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_exchanges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_exchanges
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON integration_exchanges FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON integration_exchanges TO ${app_role};
