-- The lease on a campaign's background work (expansion and publishing): one campaign-service instance at a time
-- works on a campaign; another takes over once worker_until has passed (the holder renews it as it goes).
ALTER TABLE campaigns.campaign ADD COLUMN worker text;
ALTER TABLE campaigns.campaign ADD COLUMN worker_until timestamptz;
