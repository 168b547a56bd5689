-- The platform PKI. The root CA and the timestamp authority belong to the platform (no tenant): their private keys are
-- sealed with the master key. Each commune has a signing CA (issued by the root at provisioning) and signer
-- certificates issued on first use; their private keys are sealed with the commune's data key (crypto-shredded at
-- decommissioning) or, with an HSM, referenced by label. Nothing here is ever deleted: revocations stay on record.
CREATE TABLE pki_platform_authorities (
    name         text        PRIMARY KEY CHECK (name IN ('root', 'tsa')),
    certificate  bytea       NOT NULL,
    sealed_key   bytea       NOT NULL,
    created_at   timestamptz NOT NULL
);
GRANT SELECT, INSERT ON pki_platform_authorities TO ${app_role};

CREATE TABLE pki_commune_authorities (
    tenant_id          text        PRIMARY KEY REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    serial             text        NOT NULL UNIQUE,
    certificate        bytea       NOT NULL,
    key_reference      bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    revocation_reason  integer
);
ALTER TABLE pki_commune_authorities ENABLE ROW LEVEL SECURITY;
ALTER TABLE pki_commune_authorities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pki_commune_authorities
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON pki_commune_authorities FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON pki_commune_authorities TO ${app_role};

CREATE TABLE pki_signer_certificates (
    id                 uuid        PRIMARY KEY,
    tenant_id          text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    signer_subject     text        NOT NULL CHECK (length(signer_subject) BETWEEN 1 AND 200),
    signer_username    text        NOT NULL CHECK (length(signer_username) BETWEEN 1 AND 200),
    signer_name        text        NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 300),
    serial             text        NOT NULL UNIQUE,
    subject_dn         text        NOT NULL,
    sha256             text        NOT NULL,
    certificate        bytea       NOT NULL,
    key_reference      bytea       NOT NULL,
    issued_at          timestamptz NOT NULL,
    not_after          timestamptz NOT NULL,
    revoked_at         timestamptz,
    revocation_reason  integer,
    revoked_by         text,
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
-- one usable certificate per signer and commune
CREATE UNIQUE INDEX pki_signer_certificates_active
    ON pki_signer_certificates (tenant_id, signer_subject) WHERE revoked_at IS NULL;
CREATE INDEX pki_signer_certificates_username ON pki_signer_certificates (tenant_id, lower(signer_username));
ALTER TABLE pki_signer_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE pki_signer_certificates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pki_signer_certificates
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY operator_cross_tenant_read ON pki_signer_certificates FOR SELECT
    USING (current_setting('app.cross_tenant_read', true) = 'on');
GRANT SELECT, INSERT, UPDATE ON pki_signer_certificates TO ${app_role};
