-- Receivables of cost recovery go to the Eurométropole's own finance software: a connector of the platform
-- (configured by the DSI), written to the outbox of the commune whose statement it is.
ALTER TABLE integration_outbox DROP CONSTRAINT integration_outbox_connector_check;
ALTER TABLE integration_outbox ADD CONSTRAINT integration_outbox_connector_check
    CHECK (connector IN ('HR', 'FINANCE', 'METROPOLE_FINANCE'));
