-- Cost-recovery billing (CGCT L5211-4-1, D5211-16). A billing run is the DSI's computation of one period for the
-- communes; each commune gets a statement of use: a DRAFT while it can be reviewed and recomputed, ISSUED once
-- numbered. Issued statements and their lines are immutable: triggers refuse any change, whoever asks (the
-- application role has no DELETE on statements either). A mistake is corrected by a CREDIT statement.

-- Runs are platform data (no tenant): one per period.
CREATE TABLE billing_runs (
    id            uuid        PRIMARY KEY,
    frequency     text        NOT NULL CHECK (frequency IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
    period_start  date        NOT NULL,
    period_end    date        NOT NULL CHECK (period_end > period_start),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    last_run_by   text        NOT NULL,
    last_run_at   timestamptz NOT NULL,
    UNIQUE (period_start, period_end)
);
GRANT SELECT, INSERT, UPDATE ON billing_runs TO ${app_role};

CREATE TABLE billing_statements (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    run_id              uuid        REFERENCES billing_runs (id),
    kind                text        NOT NULL CHECK (kind IN ('REGULAR', 'CREDIT')),
    status              text        NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'DISCARDED')),
    number              text        UNIQUE CHECK (number ~ '^(EU|AV)-[0-9]{4}-[0-9AB]{5}-[0-9]{3,}$'),
    frequency           text        NOT NULL CHECK (frequency IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
    period_start        date        NOT NULL,
    period_end          date        NOT NULL CHECK (period_end > period_start),
    usage_cutoff        timestamptz NOT NULL,
    commune_name        text        NOT NULL,
    population          integer     NOT NULL,
    total_cents         bigint      NOT NULL,
    previous_year_cents bigint,
    corrects            uuid        REFERENCES billing_statements (id),
    reason              text        CHECK (length(reason) <= 500),
    computed_at         timestamptz NOT NULL,
    computed_by         text        NOT NULL,
    issued_at           timestamptz,
    issued_on           date,
    issued_by           text,
    pdf_sha256          char(64),
    receivable_key      text,
    version             bigint      NOT NULL DEFAULT 0,
    CHECK ((status = 'ISSUED') = (number IS NOT NULL)),
    CHECK (kind = 'REGULAR' OR (corrects IS NOT NULL AND reason IS NOT NULL)),
    -- one live regular statement per commune and day: periods of different frequencies never overlap
    EXCLUDE USING gist (tenant_id WITH =, daterange(period_start, period_end) WITH &&)
        WHERE (kind = 'REGULAR' AND status <> 'DISCARDED')
);
CREATE INDEX billing_statements_tenant_period ON billing_statements (tenant_id, period_start);
CREATE INDEX billing_statements_run ON billing_statements (run_id);

CREATE TABLE billing_statement_lines (
    statement_id   uuid          NOT NULL REFERENCES billing_statements (id),
    position       integer       NOT NULL CHECK (position > 0),
    tenant_id      text          NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    kind           text          NOT NULL CHECK (kind IN ('USAGE', 'BASE_FEE', 'ADJUSTMENT', 'CREDIT')),
    service_code   text          NOT NULL,
    metric         text          NOT NULL,
    label          text          NOT NULL CHECK (length(label) <= 300),
    covers_from    date          NOT NULL,
    covers_to      date          NOT NULL CHECK (covers_to >= covers_from),
    quantity       numeric(18,6) NOT NULL,
    free_quantity  numeric(18,6) NOT NULL,
    unit_price     numeric(12,4) NOT NULL CHECK (unit_price >= 0),
    amount_cents   bigint        NOT NULL,
    tariff_from    date,
    credits_position integer CHECK (credits_position > 0),
    CHECK ((kind = 'CREDIT') = (credits_position IS NOT NULL)),
    PRIMARY KEY (statement_id, position)
);

-- Numbers: per commune, kind and year of issue, without gaps.
CREATE TABLE billing_sequences (
    tenant_id  text    NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    prefix     text    NOT NULL CHECK (prefix IN ('EU', 'AV')),
    year       integer NOT NULL,
    last_value integer NOT NULL CHECK (last_value > 0),
    PRIMARY KEY (tenant_id, prefix, year)
);

CREATE FUNCTION billing_refuse_change_of_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'billing_statements' THEN
        IF OLD.status = 'ISSUED' THEN
            RAISE EXCEPTION 'statement % is issued: it cannot be changed (issue a credit instead)', OLD.number
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    ELSIF EXISTS (SELECT 1 FROM billing_statements s WHERE s.id = OLD.statement_id AND s.status = 'ISSUED') THEN
        RAISE EXCEPTION 'lines of an issued statement cannot be changed'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER billing_statements_immutable BEFORE UPDATE OR DELETE ON billing_statements
    FOR EACH ROW EXECUTE FUNCTION billing_refuse_change_of_issued();
CREATE TRIGGER billing_statement_lines_immutable BEFORE UPDATE OR DELETE ON billing_statement_lines
    FOR EACH ROW EXECUTE FUNCTION billing_refuse_change_of_issued();
-- lines are added to drafts only
CREATE FUNCTION billing_lines_on_drafts_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM billing_statements s WHERE s.id = NEW.statement_id AND s.status = 'DRAFT') THEN
        RAISE EXCEPTION 'lines are added to draft statements only'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER billing_statement_lines_on_drafts BEFORE INSERT ON billing_statement_lines
    FOR EACH ROW EXECUTE FUNCTION billing_lines_on_drafts_only();

ALTER TABLE billing_statements ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_statements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_statements
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON billing_statements FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON billing_statements TO ${app_role};

ALTER TABLE billing_statement_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_statement_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_statement_lines
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON billing_statement_lines FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, DELETE ON billing_statement_lines TO ${app_role};

ALTER TABLE billing_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_sequences
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON billing_sequences FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON billing_sequences TO ${app_role};
