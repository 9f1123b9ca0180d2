-- Every state change of a campaign, written by the database in the transaction that made it, so campaign.status
-- announces each one (SENDING included when COMPLETED follows within a second), in order, even after a crash.
CREATE TABLE campaigns.state_change (
    id          bigserial PRIMARY KEY,
    campaign_id uuid        NOT NULL,
    state       text        NOT NULL,
    reason      text,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX state_change_campaign_idx ON campaigns.state_change (campaign_id, id);

CREATE FUNCTION campaigns.record_state_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO campaigns.state_change (campaign_id, state, reason) VALUES (NEW.id, NEW.state, NEW.state_reason);
    RETURN NEW;
END
$$;

CREATE TRIGGER campaign_state_change AFTER UPDATE OF state ON campaigns.campaign
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION campaigns.record_state_change();
