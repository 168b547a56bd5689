-- Commitments created in the commune's finance software for mission orders: the number it gave, and how much was
-- given back (a release is sent only for what the finance software holds).
CREATE TABLE integration_finance_commitments (
    tenant_id          text           NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    order_id           uuid           NOT NULL,
    commitment_number  text           NOT NULL CHECK (length(commitment_number) BETWEEN 1 AND 100),
    budget_line        text           NOT NULL,
    year               integer        NOT NULL,
    amount             numeric(12, 2) NOT NULL CHECK (amount >= 0),
    released           numeric(12, 2) NOT NULL DEFAULT 0 CHECK (released >= 0 AND released <= amount),
    created_at         timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
ALTER TABLE integration_finance_commitments ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_finance_commitments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_finance_commitments
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON integration_finance_commitments TO ${app_role};
