-- How many times a campaign has been paused, by whatever path (pause, a SENDER_BLOCKED outcome): the publisher marks
-- a batch QUEUED only if the count is still the one it read with the batch, so a pause and a resume both between
-- Kafka's ack and the mark cannot leave recipients QUEUED whose request delivery answered PAUSED.
ALTER TABLE campaigns.campaign ADD COLUMN pauses bigint NOT NULL DEFAULT 0;

CREATE FUNCTION campaigns.count_pause() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.pauses := OLD.pauses + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER campaign_pause_count BEFORE UPDATE OF state ON campaigns.campaign
    FOR EACH ROW WHEN (NEW.state = 'PAUSED' AND OLD.state IS DISTINCT FROM 'PAUSED')
    EXECUTE FUNCTION campaigns.count_pause();
