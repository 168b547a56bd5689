-- Shared document management (GED). Every table is tenant-owned and under Row-Level Security. Foreign keys are
-- composite (tenant_id, id): a foreign-key check bypasses RLS, so a commune must not be able to point at another
-- commune's folder or document id even if it guessed one.

-- French full-text search with accents ignored ("deliberation" finds "délibération").
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION metrocloud_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION metrocloud_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE TABLE document_types (
    tenant_id   text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    code        text        NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    label       text        NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE document_folders (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    parent_id   uuid,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES document_folders (tenant_id, id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX document_folders_unique_name
    ON document_folders (tenant_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

CREATE TABLE documents (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (tenant_id) CHECK (tenant_id <> ''),
    folder_id       uuid,
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text        CHECK (length(description) <= 2000),
    type_code       text,
    -- tags, one per line (each 1-40 letters, digits, spaces, hyphens or apostrophes; at most 20)
    tags            text        NOT NULL DEFAULT '' CHECK (length(tags) <= 900),
    author          text        NOT NULL,
    author_name     text        NOT NULL,
    current_version integer     NOT NULL DEFAULT 0 CHECK (current_version >= 0),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    deleted_by      text,
    version         bigint      NOT NULL DEFAULT 0,
    search_vector   tsvector,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, folder_id) REFERENCES document_folders (tenant_id, id),
    FOREIGN KEY (tenant_id, type_code) REFERENCES document_types (tenant_id, code)
);
CREATE INDEX documents_search ON documents USING gin (search_vector);
CREATE INDEX documents_listing ON documents (tenant_id, folder_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX documents_trash ON documents (tenant_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE document_versions (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL CHECK (tenant_id <> ''),
    document_id           uuid        NOT NULL,
    number                integer     NOT NULL CHECK (number > 0),
    file_name             text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    size                  bigint      NOT NULL CHECK (size >= 0),
    sha256                char(64)    NOT NULL,
    mime_type             text        NOT NULL CHECK (length(mime_type) <= 255),
    claimed_mime_type     text        CHECK (length(claimed_mime_type) <= 255),
    object_key            text        NOT NULL,
    stored_size           bigint      NOT NULL,
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL,
    extraction_status     text        NOT NULL
                                      CHECK (extraction_status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED')),
    extraction_error      text        CHECK (length(extraction_error) <= 1000),
    extraction_claimed_at timestamptz,
    extracted_at          timestamptz,
    extracted_chars       integer,
    extraction_truncated  boolean     NOT NULL DEFAULT false,
    text_content          text,
    UNIQUE (document_id, number),
    UNIQUE (tenant_id, object_key),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX document_versions_extraction ON document_versions (tenant_id, extraction_status)
    WHERE extraction_status IN ('PENDING', 'RUNNING');

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['document_types', 'document_folders', 'documents', 'document_versions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true))'
                   ' WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))', t);
    EXECUTE format('CREATE POLICY operator_cross_tenant_read ON %I FOR SELECT'
                   ' USING (current_setting(''app.cross_tenant_read'', true) = ''on'')', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON document_types TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON document_folders, documents, document_versions TO ${app_role};

-- The search vector of a document: title (A), description, tags and file name (B), text of the current version (C,
-- its first 300 000 characters: a tsvector is limited to 1 MB). SECURITY INVOKER: Row-Level Security applies.
CREATE FUNCTION documents_refresh_search(doc uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE documents d SET search_vector =
         setweight(to_tsvector('metrocloud_fr', d.title), 'A')
      || setweight(to_tsvector('metrocloud_fr',
             coalesce(d.description, '') || ' ' || replace(d.tags, E'\n', ' ') || ' ' || coalesce(v.file_name, '')), 'B')
      || setweight(to_tsvector('metrocloud_fr', left(coalesce(v.text_content, ''), 300000)), 'C')
    FROM documents cur
    LEFT JOIN document_versions v ON v.document_id = cur.id AND v.number = cur.current_version
   WHERE d.id = doc AND cur.id = doc
$$;
