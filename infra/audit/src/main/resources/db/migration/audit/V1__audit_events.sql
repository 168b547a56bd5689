-- Audit trail: one append-only, hash-chained log per tenant (the DSI's own actions go to tenant 'platform').
-- Each entry stores the SHA-256 of the previous entry of the same tenant (prev_hash) and its own hash over a canonical
-- form of its fields (see HashChain.java). The application role may only SELECT and INSERT: no UPDATE, no DELETE,
-- no TRUNCATE. Row-Level Security keeps each commune to its own trail; the operator reads across tenants only with
-- the cross-tenant read setting that the platform sets on operator endpoints.
CREATE TABLE audit_events (
    tenant_id      text        NOT NULL CHECK (tenant_id <> ''),
    seq            bigint      NOT NULL CHECK (seq > 0),
    id             uuid        NOT NULL UNIQUE,
    occurred_at    timestamptz NOT NULL,
    actor_subject  text        NOT NULL,
    actor_username text        NOT NULL,
    actor_kind     text        NOT NULL CHECK (actor_kind IN ('COMMUNE_USER', 'OPERATOR', 'SYSTEM')),
    action         text        NOT NULL,
    target_type    text,
    target_id      text,
    outcome        text        NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILURE')),
    details        text        NOT NULL,
    prev_hash      char(64)    NOT NULL,
    hash           char(64)    NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

CREATE INDEX audit_events_tenant_occurred ON audit_events (tenant_id, occurred_at);

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

CREATE POLICY operator_cross_tenant_read ON audit_events FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');

GRANT SELECT, INSERT ON audit_events TO ${app_role};
