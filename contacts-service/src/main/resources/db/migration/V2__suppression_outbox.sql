-- When a contact's status last changed: a delivery outcome older than that (a redelivered bounce after a manual
-- resubscribe) must not change it again.
ALTER TABLE contacts.contact ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now();

-- Suppression changes waiting to be published to the compacted contacts.suppressions topic. A row is written in
-- the same transaction as the status change it announces, and deleted once Kafka acknowledged it (outbox).
-- suppressed NULL is an erasure: a tombstone for the key.
CREATE TABLE contacts.suppression_outbox (
    seq              bigserial   PRIMARY KEY,
    event_id         uuid        NOT NULL,
    project_id       uuid        NOT NULL,
    normalized_email text        NOT NULL,
    contact_id       uuid,
    suppressed       boolean,
    reason           text,
    occurred_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
