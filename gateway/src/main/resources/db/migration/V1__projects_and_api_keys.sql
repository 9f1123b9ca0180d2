-- Projects and their API keys. A key is stored only as the SHA-256 hash of its text; the prefix is for display.
CREATE TABLE gateway.project (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gateway.api_key (
    id         uuid        PRIMARY KEY,
    project_id uuid        NOT NULL REFERENCES gateway.project (id),
    key_hash   bytea       NOT NULL UNIQUE,
    prefix     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX api_key_project_idx ON gateway.api_key (project_id);
