-- Catalogue of shared services (platform reference data, no tenant), effective-dated prices, the communes'
-- subscriptions and the usage ledger that billing reads.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE catalog_services (
    code            text    PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name_fr         text    NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 120),
    description_fr  text    NOT NULL CHECK (length(description_fr) <= 1000),
    usage_unit      text    NOT NULL CHECK (usage_unit IN ('signature', 'gb-month', 'agent-month', 'month')),
    usage_metric    text    NOT NULL CHECK (usage_metric ~ '^[a-z][a-z0-9.-]{1,63}$'),
    availability    text    NOT NULL CHECK (availability IN ('AVAILABLE', 'PREVIEW', 'WITHDRAWN')),
    display_order   integer NOT NULL
);

-- Prices are effective-dated: [valid_from, valid_to), never overlapping for one service. A price change is a new row.
CREATE TABLE catalog_prices (
    service_code     text          NOT NULL REFERENCES catalog_services (code),
    valid_from       date          NOT NULL,
    valid_to         date,
    unit_price       numeric(12,4) NOT NULL CHECK (unit_price >= 0),
    yearly_base_fee  numeric(12,2) CHECK (yearly_base_fee >= 0),
    currency         char(3)       NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
    PRIMARY KEY (service_code, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    EXCLUDE USING gist (service_code WITH =, daterange(valid_from, valid_to) WITH &&)
);

GRANT SELECT ON catalog_services, catalog_prices TO ${app_role};

INSERT INTO catalog_services (code, name_fr, description_fr, usage_unit, usage_metric, availability, display_order) VALUES
 ('e-signature', 'Parapheur électronique',
  'Circuits de visa et de signature électronique (PAdES) des actes, contrats et courriers de la commune.',
  'signature', 'signatures', 'AVAILABLE', 10),
 ('document-management', 'Gestion électronique des documents (GED)',
  'Stockage, versions, recherche plein texte et partage des documents de la commune.',
  'gb-month', 'storage.gb-month', 'AVAILABLE', 20),
 ('archiving', 'Archivage électronique (SAE)',
  'Versements SEDA, conservation à valeur probante, durées d''utilité administrative et éliminations.',
  'gb-month', 'archive.gb-month', 'AVAILABLE', 30),
 ('leave-requests', 'Demandes de congés',
  'Dépôt, validation et suivi des congés et absences des agents (CA, RTT, CET), calendrier d''équipe.',
  'agent-month', 'active-agents', 'AVAILABLE', 40),
 ('mission-orders', 'Ordres de mission',
  'Demande, validation budgétaire et signature des ordres de mission, estimation des frais.',
  'agent-month', 'active-agents', 'AVAILABLE', 50),
 ('finance-connector', 'Connecteur finances',
  'Échanges avec le logiciel de gestion financière de la commune (budget, engagements, recettes).',
  'month', 'connector-months', 'AVAILABLE', 60),
 ('hr-connector', 'Connecteur ressources humaines',
  'Échanges avec le logiciel RH de la commune (agents, absences, frais de mission).',
  'month', 'connector-months', 'AVAILABLE', 70);

INSERT INTO catalog_prices (service_code, valid_from, valid_to, unit_price, yearly_base_fee) VALUES
 ('e-signature',         DATE '2026-01-01', NULL, 0.3500, NULL),
 ('document-management', DATE '2026-01-01', NULL, 0.1200, 150.00),
 ('archiving',           DATE '2026-01-01', NULL, 0.3000, 300.00),
 ('leave-requests',      DATE '2026-01-01', NULL, 0.4000, NULL),
 ('mission-orders',      DATE '2026-01-01', NULL, 0.3000, NULL),
 ('finance-connector',   DATE '2026-01-01', NULL, 45.0000, NULL),
 ('hr-connector',        DATE '2026-01-01', NULL, 45.0000, NULL);

-- A commune's subscriptions. The period is [starts_on, ends_on), ends_on NULL while open; two periods of one commune
-- for one service never overlap (exclusion constraint). A subscription cancelled before it starts has
-- ends_on = starts_on (an empty period).
CREATE TABLE subscriptions (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    service_code          text        NOT NULL REFERENCES catalog_services (code),
    starts_on             date        NOT NULL,
    ends_on               date,
    deliberation_ref      text        CHECK (length(deliberation_ref) <= 100),
    end_deliberation_ref  text        CHECK (length(end_deliberation_ref) <= 100),
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL,
    ended_by              text,
    ended_at              timestamptz,
    version               bigint      NOT NULL DEFAULT 0,
    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    EXCLUDE USING gist (tenant_id WITH =, service_code WITH =, daterange(starts_on, ends_on) WITH &&)
);
CREATE INDEX subscriptions_tenant ON subscriptions (tenant_id);

ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscriptions
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON subscriptions FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON subscriptions TO ${app_role};

-- The usage ledger: append-only, idempotent per commune (unique key), never edited in place (corrections are
-- compensating events). The application role may only SELECT and INSERT.
CREATE TABLE usage_events (
    id               uuid          PRIMARY KEY,
    tenant_id        text          NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    service_code     text          NOT NULL REFERENCES catalog_services (code),
    metric           text          NOT NULL CHECK (metric ~ '^[a-z][a-z0-9.-]{1,63}$'),
    quantity         numeric(18,6) NOT NULL,
    occurred_at      timestamptz   NOT NULL,
    recorded_at      timestamptz   NOT NULL,
    idempotency_key  text          NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    source           text          NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX usage_events_tenant_service_time ON usage_events (tenant_id, service_code, occurred_at);

ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_events
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON usage_events FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT ON usage_events TO ${app_role};
