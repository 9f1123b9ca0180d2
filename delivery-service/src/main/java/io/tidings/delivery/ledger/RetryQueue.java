package io.tidings.delivery.ledger;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger seen as the retry loop's queue: DEFERRED rows that are due (retries, and requests parked while their
 * sender had no token), claims that outlived their lease, and rows that waited longer than the retry lifetime.
 * Rows are taken with {@code SKIP LOCKED}, so pods share the work. A due row is first <em>reserved</em> (its due
 * time pushed ahead, so other pods skip it) and stays DEFERRED while its retry waits for a token; it is claimed
 * (attempt + 1, a fresh claim id, guarded by the attempt that was read) only right before its send, so a pod that
 * dies while waiting leaves no claim behind.
 */
@ApplicationScoped
public class RetryQueue {
    private final DeliveryLedger ledger;
    private final StatementBatcher<LedgerEntry, LedgerEntry> claims;

    RetryQueue(DeliveryLedger ledger, DeliveryConfig config) {
        this.ledger = ledger;
        this.claims = new StatementBatcher<>(config.ledger().batchRows(), config.ledger().statementsInFlight(),
                this::claimAll);
    }

    /** Reserves up to {@code limit} due DEFERRED rows for {@code hold}: still DEFERRED, due again after it. */
    public Uni<List<LedgerEntry>> reserveDue(int limit, Duration hold) {
        return ledger.all("UPDATE delivery.ledger l SET next_attempt_at = now() + make_interval(secs => $2)"
                + " WHERE (l.recipient_id, l.generation) IN (SELECT recipient_id, generation FROM delivery.ledger"
                + " WHERE status = 'DEFERRED' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + DeliveryLedger.L_COLUMNS,
                Tuple.of(limit, hold.toMillis() / 1000.0));
    }

    /**
     * Claims a reserved row for its next attempt (attempt + 1, a fresh claim id); null when the row changed since it
     * was read (another pod took it, or it was settled).
     */
    public Uni<LedgerEntry> claim(LedgerEntry reserved) {
        return claims.submit(reserved);
    }

    /** Gives a reserved row back untried, due at {@code due}: no attempt counted, nothing announced. */
    public Uni<Void> postpone(LedgerEntry reserved, Instant due) {
        return ledger.run("UPDATE delivery.ledger SET next_attempt_at = $4"
                + " WHERE recipient_id = $1 AND generation = $2 AND status = 'DEFERRED' AND attempt = $3",
                Tuple.of(reserved.recipientId(), reserved.generation(), reserved.attempt(),
                        DeliveryLedger.timestamp(due))).replaceWithVoid();
    }

    /** Ends a reserved row untried because its campaign was cancelled; null when it changed meanwhile. */
    public Uni<LedgerEntry> cancel(LedgerEntry reserved, String reason) {
        return end(reserved, LedgerStatus.CANCELLED, reason);
    }

    /** Ends a reserved row untried because its address was suppressed; null when it changed meanwhile. */
    public Uni<LedgerEntry> suppress(LedgerEntry reserved, String reason) {
        return end(reserved, LedgerStatus.SUPPRESSED, reason);
    }

    private Uni<LedgerEntry> end(LedgerEntry reserved, LedgerStatus status, String reason) {
        return ledger.one("UPDATE delivery.ledger SET status = $5, smtp_reply = $4, next_attempt_at = NULL,"
                + " outcome_published = false, updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND status = 'DEFERRED' AND attempt = $3"
                + " RETURNING " + DeliveryLedger.COLUMNS,
                Tuple.of(reserved.recipientId(), reserved.generation(), reserved.attempt(), reason, status.name()));
    }

    // one claim per row: the first retry of a row that asked for it gets it (an UPDATE ... FROM touches a row once)
    private Uni<List<LedgerEntry>> claimAll(List<LedgerEntry> batch) {
        KeyedBatch<LedgerEntry> keyed = KeyedBatch.firstOfEachKey(batch, LedgerEntry::key);
        List<LedgerEntry> rows = keyed.rows();
        return ledger.run("UPDATE delivery.ledger l SET status = 'CLAIMED', claim_id = gen_random_uuid(),"
                + " claimed_at = now(), attempt = l.attempt + 1, next_attempt_at = NULL, updated_at = now()"
                + " FROM unnest($1::uuid[], $2::int4[], $3::int4[]) AS t(r, g, a)"
                + " WHERE l.recipient_id = t.r AND l.generation = t.g AND l.status = 'DEFERRED'"
                + " AND l.attempt = t.a RETURNING " + DeliveryLedger.L_COLUMNS,
                Tuple.of(DeliveryLedger.column(rows, LedgerEntry::recipientId, UUID[]::new),
                        DeliveryLedger.column(rows, LedgerEntry::generation, Integer[]::new),
                        DeliveryLedger.column(rows, LedgerEntry::attempt, Integer[]::new)))
                .map(result -> keyed.answers(DeliveryLedger.byKey(result)));
    }

    /** Rows whose recorded outcome was not noted as published for a while (a crash in between): to re-publish. */
    public Uni<List<LedgerEntry>> unpublished(Duration olderThan, int limit) {
        return ledger.all("SELECT " + DeliveryLedger.COLUMNS + " FROM delivery.ledger"
                + " WHERE NOT outcome_published AND status NOT IN ('CLAIMED', 'SUPERSEDED')"
                + " AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2",
                Tuple.of((double) olderThan.toSeconds(), limit));
    }

    /** Settles claims older than the lease as UNKNOWN: their pod died inside the send. */
    public Uni<List<LedgerEntry>> settleStaleClaims(Duration lease, String why, int limit) {
        return ledger.all("UPDATE delivery.ledger l SET status = 'UNKNOWN', smtp_reply = $2, outcome_published = false,"
                + " updated_at = now()"
                + " WHERE (l.recipient_id, l.generation) IN (SELECT recipient_id, generation FROM delivery.ledger"
                + " WHERE status = 'CLAIMED' AND claimed_at < now() - make_interval(secs => $1) LIMIT $3"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + DeliveryLedger.L_COLUMNS,
                Tuple.of((double) lease.toSeconds(), why, limit));
    }

    /** Gives up on due DEFERRED rows first tried longer ago than the lifetime: FAILED, enhanced code 4.4.7. */
    public Uni<List<LedgerEntry>> expire(Duration lifetime, int limit) {
        return ledger.all("UPDATE delivery.ledger l SET status = 'FAILED', enhanced_code = '4.4.7',"
                + " smtp_reply = 'gave up after ' || $2 || ', last reply: ' || coalesce(l.smtp_reply, 'none'),"
                + " next_attempt_at = NULL, outcome_published = false, updated_at = now()"
                + " WHERE (l.recipient_id, l.generation) IN (SELECT recipient_id, generation FROM delivery.ledger"
                + " WHERE status = 'DEFERRED' AND next_attempt_at <= now()"
                + " AND created_at < now() - make_interval(secs => $1) LIMIT $3 FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + DeliveryLedger.L_COLUMNS,
                Tuple.of((double) lifetime.toSeconds(), lifetime.toString(), limit));
    }
}
