-- How an import treats addresses that already exist: upsert (default), create-only or update-only.
ALTER TABLE contacts.import_job ADD COLUMN mode text NOT NULL DEFAULT 'upsert'
    CHECK (mode IN ('upsert', 'create-only', 'update-only'));
