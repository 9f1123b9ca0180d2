-- The global token bucket of every sender (ARCHITECTURE.md invariant 4): one row per sender that every delivery
-- pod leases tokens from, so the rate holds whether one pod runs or ten. The effective rate drops when the SMTP
-- server throttles (multiplicative decrease) and climbs back with time (additive increase), never above the
-- configured rate.
CREATE TABLE delivery.sender_bucket (
    sender_id      uuid             PRIMARY KEY,
    tokens         double precision NOT NULL,
    refilled_at    timestamptz      NOT NULL,
    effective_rate double precision,
    throttled_at   timestamptz
);

-- Takes up to p_wanted whole tokens at once: refills the bucket for the time elapsed since its last refill (at the
-- effective rate, which itself climbs back towards p_rate by p_rate * p_recovery per second), caps it at p_burst,
-- and takes what it holds. Returns the tokens granted and, when fewer than wanted, the seconds until the next one.
CREATE FUNCTION delivery.take_tokens(p_sender uuid, p_rate double precision, p_burst double precision,
                                     p_recovery double precision, p_wanted integer,
                                     OUT granted integer, OUT wait_seconds double precision)
LANGUAGE plpgsql AS $$
DECLARE
    b       delivery.sender_bucket%ROWTYPE;
    t       timestamptz;
    elapsed double precision;
    eff     double precision;
    avail   double precision;
BEGIN
    INSERT INTO delivery.sender_bucket (sender_id, tokens, refilled_at, effective_rate)
    VALUES (p_sender, p_burst, clock_timestamp(), p_rate) ON CONFLICT (sender_id) DO NOTHING;
    SELECT * INTO b FROM delivery.sender_bucket WHERE sender_id = p_sender FOR UPDATE;
    -- read the clock once the row is ours: refills are counted once, in order, whatever the pods' interleaving
    t := greatest(b.refilled_at, clock_timestamp());
    elapsed := extract(epoch FROM t - b.refilled_at);
    eff := least(p_rate, coalesce(b.effective_rate, p_rate));
    avail := least(p_burst, b.tokens + elapsed * eff);
    eff := least(p_rate, eff + p_rate * p_recovery * elapsed);
    granted := greatest(0, least(p_wanted, floor(avail)))::integer;
    wait_seconds := CASE WHEN granted < p_wanted THEN (1 - (avail - granted)) / eff ELSE 0 END;
    UPDATE delivery.sender_bucket SET tokens = avail - granted, refilled_at = t, effective_rate = eff
    WHERE sender_id = p_sender;
END $$;

-- A throttling reply: halve (p_factor) the effective rate, at most once per p_quiet seconds however many pods saw
-- it, down to p_floor tokens per second, and empty the bucket so the slower rate applies at once.
CREATE FUNCTION delivery.slow_down(p_sender uuid, p_rate double precision, p_factor double precision,
                                   p_floor double precision, p_quiet double precision)
RETURNS double precision LANGUAGE sql AS $$
    UPDATE delivery.sender_bucket
    SET effective_rate = greatest(least(p_floor, p_rate), least(p_rate, coalesce(effective_rate, p_rate)) * p_factor),
        tokens = least(tokens, 0), throttled_at = clock_timestamp()
    WHERE sender_id = p_sender
      AND (throttled_at IS NULL OR throttled_at < clock_timestamp() - make_interval(secs => p_quiet))
    RETURNING effective_rate;
$$;

-- a suppressed address found by the retry loop settles as SUPPRESSED
ALTER TABLE delivery.ledger DROP CONSTRAINT ledger_status_check;
ALTER TABLE delivery.ledger ADD CONSTRAINT ledger_status_check CHECK (status IN ('CLAIMED', 'SENT', 'DEFERRED',
    'BOUNCED', 'FAILED', 'UNKNOWN', 'SENDER_BLOCKED', 'CANCELLED', 'SUPERSEDED', 'SUPPRESSED'));
