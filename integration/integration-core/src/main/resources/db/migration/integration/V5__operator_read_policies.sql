-- Like every tenant-owned table, the agents' import state and the finance commitments are readable by the DSI in its
-- cross-tenant context (support, audits), and by nobody else outside the commune.
CREATE POLICY operator_cross_tenant_read ON integration_hr_agents FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
CREATE POLICY operator_cross_tenant_read ON integration_finance_commitments FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
