-- Senders, campaigns, and one row per mailing recipient, with per-status counters kept beside each campaign.

CREATE TABLE campaigns.sender (
    id             uuid PRIMARY KEY,
    project_id     uuid        NOT NULL,
    name           text        NOT NULL,
    from_email     text        NOT NULL,
    from_name      text,
    reply_to       text,
    rate_limit     int         NOT NULL CHECK (rate_limit >= 1),
    rate_per       text        NOT NULL,
    rate_burst     int         NOT NULL CHECK (rate_burst >= 1),
    blocked_reason text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sender_project_id_idx ON campaigns.sender (project_id, id);

CREATE TABLE campaigns.campaign (
    id               uuid PRIMARY KEY,
    project_id       uuid        NOT NULL,
    name             text        NOT NULL,
    sender_id        uuid        NOT NULL REFERENCES campaigns.sender (id),
    segment_id       uuid        NOT NULL,
    subject          text        NOT NULL,
    text_body        text,
    html_body        text,
    state            text        NOT NULL DEFAULT 'DRAFT'
        CHECK (state IN ('DRAFT', 'EXPANDING', 'SENDING', 'PAUSED', 'STALLED', 'COMPLETED', 'CANCELLED')),
    state_reason     text,
    -- the last state published on campaign.status/campaign.control; differs from state until announced
    announced_state  text        NOT NULL DEFAULT 'DRAFT',
    -- last contact id stored by the expansion (keyset cursor of contacts-service), null before the first page
    expansion_cursor text,
    expanded_count   bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    completed_at     timestamptz
);
CREATE INDEX campaign_project_id_idx ON campaigns.campaign (project_id, id);
CREATE INDEX campaign_active_idx ON campaigns.campaign (state) WHERE state IN ('EXPANDING', 'SENDING');
CREATE INDEX campaign_sender_idx ON campaigns.campaign (sender_id);

-- one narrow row per campaign, changed in the same statement or transaction as every recipient transition
CREATE TABLE campaigns.recipient_counts (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns.campaign (id),
    total       bigint NOT NULL DEFAULT 0,
    pending     bigint NOT NULL DEFAULT 0,
    queued      bigint NOT NULL DEFAULT 0,
    sent        bigint NOT NULL DEFAULT 0,
    deferred    bigint NOT NULL DEFAULT 0,
    bounced     bigint NOT NULL DEFAULT 0,
    failed      bigint NOT NULL DEFAULT 0,
    suppressed  bigint NOT NULL DEFAULT 0,
    cancelled   bigint NOT NULL DEFAULT 0,
    unknown     bigint NOT NULL DEFAULT 0
);

CREATE TABLE campaigns.mailing_recipient (
    id               uuid PRIMARY KEY,
    project_id       uuid        NOT NULL,
    campaign_id      uuid        NOT NULL REFERENCES campaigns.campaign (id),
    contact_id       uuid        NOT NULL,
    email            text        NOT NULL,
    normalized_email text        NOT NULL,
    first_name       text,
    last_name        text,
    fields           jsonb       NOT NULL DEFAULT '{}',
    status           text        NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'QUEUED', 'SENT', 'DEFERRED', 'BOUNCED', 'FAILED', 'SUPPRESSED', 'CANCELLED',
                          'UNKNOWN')),
    generation       int         NOT NULL DEFAULT 1,
    attempt          int         NOT NULL DEFAULT 0,
    smtp_code        int,
    enhanced_code    text,
    smtp_reply       text,
    message_id       text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailing_recipient_contact_once UNIQUE (campaign_id, contact_id),
    CONSTRAINT mailing_recipient_address_once UNIQUE (campaign_id, normalized_email)
);
CREATE INDEX mailing_recipient_listing_idx ON campaigns.mailing_recipient (campaign_id, id);
CREATE INDEX mailing_recipient_pending_idx ON campaigns.mailing_recipient (campaign_id, id) WHERE status = 'PENDING';
