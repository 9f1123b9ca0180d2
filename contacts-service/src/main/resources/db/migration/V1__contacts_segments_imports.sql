-- contacts-service owns the schema "contacts"; every statement names it explicitly.

-- A tag set is stored sorted (byte order) and without duplicates or blanks, so that two equal sets compare
-- equal and an import can tell an unchanged contact from an updated one.
CREATE FUNCTION contacts.tag_set(tags text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}')
FROM (SELECT tag COLLATE "C" AS t FROM unnest(tags) AS tag WHERE tag IS NOT NULL AND tag <> '') AS distinct_tags
$$;

CREATE TABLE contacts.contact (
    id               uuid        PRIMARY KEY,
    project_id       uuid        NOT NULL,
    email            text        NOT NULL,
    normalized_email text        NOT NULL,
    first_name       text,
    last_name        text,
    fields           jsonb       NOT NULL DEFAULT '{}',
    tags             text[]      NOT NULL DEFAULT '{}',
    status           text        NOT NULL DEFAULT 'SUBSCRIBED'
        CHECK (status IN ('SUBSCRIBED', 'UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contact_project_address_key UNIQUE (project_id, normalized_email)
);
-- keyset pages and segment members: WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?
CREATE INDEX contact_project_keyset_idx ON contacts.contact (project_id, id);
CREATE INDEX contact_tags_idx ON contacts.contact USING gin (tags);

CREATE TABLE contacts.segment (
    id         uuid        PRIMARY KEY,
    project_id uuid        NOT NULL,
    name       text        NOT NULL,
    filter     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX segment_project_keyset_idx ON contacts.segment (project_id, id);

CREATE TABLE contacts.import_job (
    id              uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    dry_run         boolean     NOT NULL,
    tags            text[]      NOT NULL DEFAULT '{}',
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_created    bigint      NOT NULL DEFAULT 0,
    rows_updated    bigint      NOT NULL DEFAULT 0,
    rows_unchanged  bigint      NOT NULL DEFAULT 0,
    rows_duplicates bigint      NOT NULL DEFAULT 0,
    rows_repaired   bigint      NOT NULL DEFAULT 0,
    rows_rejected   bigint      NOT NULL DEFAULT 0,
    bytes_read      bigint      NOT NULL DEFAULT 0,
    bytes_total     bigint      NOT NULL,
    warnings        jsonb       NOT NULL DEFAULT '[]',
    failure         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    heartbeat_at    timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    -- invariant 5: every data row read is accounted for
    CONSTRAINT import_job_rows_accounted CHECK
        (rows_read = rows_created + rows_updated + rows_unchanged + rows_duplicates + rows_rejected)
);
CREATE INDEX import_job_project_idx ON contacts.import_job (project_id, id);

-- rows refused by an import, with their line number and raw text
CREATE TABLE contacts.import_reject (
    job_id  uuid   NOT NULL REFERENCES contacts.import_job (id) ON DELETE CASCADE,
    line    bigint NOT NULL,
    raw     text   NOT NULL,
    reason  text   NOT NULL,
    message text   NOT NULL,
    PRIMARY KEY (job_id, line)
);

-- rows an import repaired, with what it changed
CREATE TABLE contacts.import_repair (
    job_id  uuid   NOT NULL REFERENCES contacts.import_job (id) ON DELETE CASCADE,
    line    bigint NOT NULL,
    raw     text   NOT NULL,
    email   text   NOT NULL,
    changes jsonb  NOT NULL,
    PRIMARY KEY (job_id, line)
);
