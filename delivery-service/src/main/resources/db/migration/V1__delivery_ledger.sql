-- The delivery ledger: one row per recipient and generation, claimed before the SMTP transaction and holding the
-- reply after it, so a recipient is mailed at most once (ARCHITECTURE.md invariant 2). It also keeps what a retry
-- needs to send again without the original Kafka request.
CREATE TABLE delivery.ledger (
    recipient_id     uuid        NOT NULL,
    generation       integer     NOT NULL CHECK (generation >= 1),
    project_id       uuid        NOT NULL,
    campaign_id      uuid        NOT NULL,
    contact_id       uuid        NOT NULL,
    email            text        NOT NULL,
    normalized_email text        NOT NULL,
    first_name       text,
    last_name        text,
    fields           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status           text        NOT NULL CHECK (status IN ('CLAIMED', 'SENT', 'DEFERRED', 'BOUNCED', 'FAILED',
                                                            'UNKNOWN', 'SENDER_BLOCKED', 'CANCELLED', 'SUPERSEDED')),
    claim_id         uuid,
    claimed_at       timestamptz,
    attempt          integer     NOT NULL DEFAULT 0,
    smtp_code        integer,
    enhanced_code    text,
    smtp_reply       text,
    message_id       text,
    next_attempt_at  timestamptz,
    -- false from each recorded state until its outcome is on Kafka: the retry loop re-publishes what a crash left
    outcome_published boolean    NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recipient_id, generation)
);

-- the retry loop's work: deferred rows by due time
CREATE INDEX ledger_deferred_due ON delivery.ledger (next_attempt_at) WHERE status = 'DEFERRED';
-- outcomes recorded but not yet known to be published
CREATE INDEX ledger_unpublished ON delivery.ledger (updated_at) WHERE NOT outcome_published;
-- the stale-claim sweep: claims by age
CREATE INDEX ledger_claimed_since ON delivery.ledger (claimed_at) WHERE status = 'CLAIMED';
