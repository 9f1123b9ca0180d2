-- Pause/resume/cancel/retry, stall detection and Idempotency-Key answers.

-- the expansion stored its last page (a campaign paused or cancelled while expanding keeps its state apart from this)
ALTER TABLE campaigns.campaign ADD COLUMN expansion_done boolean NOT NULL DEFAULT false;
UPDATE campaigns.campaign SET expansion_done = true WHERE state NOT IN ('DRAFT', 'EXPANDING');
-- when a recipient last reached a terminal status (or sending started or resumed): stall detection counts from it
ALTER TABLE campaigns.campaign ADD COLUMN last_progress_at timestamptz;

-- delivery-service holds a final ledger row for this recipient's generation (SENDER_BLOCKED): sending it again
-- needs a new generation, which resume gives it
ALTER TABLE campaigns.mailing_recipient ADD COLUMN generation_spent boolean NOT NULL DEFAULT false;
-- the latest DEFERRED replies of a campaign tell why it stalls
CREATE INDEX mailing_recipient_deferred_idx ON campaigns.mailing_recipient (campaign_id, updated_at)
    WHERE status = 'DEFERRED';

-- the first answer to a state-changing call made with an Idempotency-Key, replayed for the same key and request
CREATE TABLE campaigns.idempotent_call (
    project_id uuid        NOT NULL,
    key        text        NOT NULL,
    request    text        NOT NULL,
    status     int         NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, key)
);
CREATE INDEX idempotent_call_created_idx ON campaigns.idempotent_call (created_at);
