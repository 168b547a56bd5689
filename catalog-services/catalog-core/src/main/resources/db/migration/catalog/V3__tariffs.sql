-- Tariffs (cost recovery, CGCT L5211-4-1 and D5211-16): a price row of the catalogue becomes the DSI's yearly tariff
-- with its justification. The unit cost is the service's annual cost from the administrative accounts divided by the
-- units expected that year (rounded half-up to 4 decimals); the optional yearly base fee may depend on the commune's
-- population (bands); an optional free allowance per month may be limited to small communes. A tariff change is a
-- new row from its first day: the previous row ends that day. Issued statements copy the prices they used, so a
-- tariff change never rewrites them.
ALTER TABLE catalog_prices
    ADD COLUMN annual_cost          numeric(14,2) CHECK (annual_cost >= 0),
    ADD COLUMN annual_units         numeric(18,4) CHECK (annual_units > 0),
    ADD COLUMN justification        text          CHECK (length(justification) <= 2000),
    ADD COLUMN free_units_per_month numeric(12,4) CHECK (free_units_per_month > 0),
    ADD COLUMN free_max_population  integer       CHECK (free_max_population > 0),
    ADD COLUMN created_by           text,
    ADD COLUMN created_at           timestamptz;

-- Base fee by population band: [min_population, max_population], max NULL = no upper bound. Bands of one tariff
-- never overlap (checked by the application, which writes a tariff and its bands in one transaction).
CREATE TABLE catalog_price_bands (
    service_code     text          NOT NULL,
    valid_from       date          NOT NULL,
    min_population   integer       NOT NULL CHECK (min_population >= 0),
    max_population   integer       CHECK (max_population >= 0),
    yearly_base_fee  numeric(12,2) NOT NULL CHECK (yearly_base_fee >= 0),
    PRIMARY KEY (service_code, valid_from, min_population),
    FOREIGN KEY (service_code, valid_from) REFERENCES catalog_prices (service_code, valid_from),
    CHECK (max_population IS NULL OR max_population >= min_population)
);

GRANT INSERT, UPDATE ON catalog_prices TO ${app_role};
GRANT SELECT, INSERT ON catalog_price_bands TO ${app_role};

-- The 2026 tariffs' justification: example figures of the Eurométropole's administrative accounts (see
-- docs/billing.md, « Tarifs 2026 »). unit_price = annual_cost / annual_units.
UPDATE catalog_prices SET annual_cost = 52500.00, annual_units = 150000, created_by = 'migration',
    justification = 'Parapheur 2026 : licences 21 000 €, HSM et certificats 9 500 €, hébergement 8 000 €, '
                 || 'support et exploitation DSI 14 000 € ; 150 000 signatures prévues.'
 WHERE service_code = 'e-signature' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 43200.00, annual_units = 360000, created_by = 'migration',
    justification = 'GED 2026 : stockage objet et sauvegardes 24 000 €, indexation plein texte 7 200 €, '
                 || 'exploitation DSI 12 000 € ; 360 000 Go-mois prévus.'
 WHERE service_code = 'document-management' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 27000.00, annual_units = 90000, created_by = 'migration',
    justification = 'SAE 2026 : stockage à valeur probante (3 copies) 15 000 €, horodatage 3 000 €, '
                 || 'archiviste et exploitation 9 000 € ; 90 000 Go-mois prévus.'
 WHERE service_code = 'archiving' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 38400.00, annual_units = 96000, created_by = 'migration',
    justification = 'Congés 2026 : moteur de procédures et hébergement 18 400 €, maintenance 12 000 €, '
                 || 'support 8 000 € ; 96 000 agents-mois actifs prévus.'
 WHERE service_code = 'leave-requests' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 10800.00, annual_units = 36000, created_by = 'migration',
    justification = 'Ordres de mission 2026 : hébergement 4 800 €, maintenance 6 000 € ; '
                 || '36 000 agents-mois actifs prévus.'
 WHERE service_code = 'mission-orders' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 16200.00, annual_units = 360, created_by = 'migration',
    justification = 'Connecteur finances 2026 : plateforme d''échanges 9 000 €, supervision 7 200 € ; '
                 || '30 communes × 12 mois.'
 WHERE service_code = 'finance-connector' AND valid_from = DATE '2026-01-01';
UPDATE catalog_prices SET annual_cost = 16200.00, annual_units = 360, created_by = 'migration',
    justification = 'Connecteur RH 2026 : plateforme d''échanges 9 000 €, supervision 7 200 € ; '
                 || '30 communes × 12 mois.'
 WHERE service_code = 'hr-connector' AND valid_from = DATE '2026-01-01';
-- Small communes (under 2,000 inhabitants) sign their first 20 documents of each month free of charge.
UPDATE catalog_prices SET free_units_per_month = 20, free_max_population = 1999
 WHERE service_code = 'e-signature' AND valid_from = DATE '2026-01-01';
-- The archive's base fee by population band (the flat 300 € stays for the catalogue display of communes of 2,000 to
-- 9,999 inhabitants).
INSERT INTO catalog_price_bands (service_code, valid_from, min_population, max_population, yearly_base_fee) VALUES
 ('archiving', DATE '2026-01-01', 0, 1999, 150.00),
 ('archiving', DATE '2026-01-01', 2000, 9999, 300.00),
 ('archiving', DATE '2026-01-01', 10000, NULL, 600.00);

-- Billing reads late events by the time they were recorded.
CREATE INDEX usage_events_tenant_recorded ON usage_events (tenant_id, recorded_at);
