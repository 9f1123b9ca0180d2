package io.tidings.delivery.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The ledger seen as the retry loop's queue: DEFERRED rows that are due, claims that outlived their lease, and
 * rows that waited longer than the retry lifetime. Rows are taken with {@code SKIP LOCKED}, so pods share the work.
 */
@ApplicationScoped
public class RetryQueue {
    private final DeliveryLedger ledger;

    RetryQueue(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /** Claims up to {@code limit} due DEFERRED rows for their next attempt (attempt + 1, a fresh claim id). */
    public Uni<List<LedgerEntry>> claimDue(int limit) {
        return ledger.all("UPDATE delivery.ledger l SET status = 'CLAIMED', claim_id = gen_random_uuid(),"
                + " claimed_at = now(), attempt = l.attempt + 1, next_attempt_at = NULL, updated_at = now()"
                + " WHERE (l.recipient_id, l.generation) IN (SELECT recipient_id, generation FROM delivery.ledger"
                + " WHERE status = 'DEFERRED' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + prefixed(), Tuple.of(limit));
    }

    /** Gives a claimed row back to the queue untried (its campaign is paused): same attempt count, due later. */
    public Uni<LedgerEntry> release(LedgerEntry claimed, Instant due) {
        return ledger.one("UPDATE delivery.ledger SET status = 'DEFERRED', attempt = attempt - 1,"
                + " next_attempt_at = $4, updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND claim_id = $3 AND status = 'CLAIMED'"
                + " RETURNING " + DeliveryLedger.COLUMNS,
                Tuple.of(claimed.recipientId(), claimed.generation(), claimed.claimId(),
                        DeliveryLedger.timestamp(due)));
    }

    /** Ends a claimed row untried because its campaign was cancelled. */
    public Uni<LedgerEntry> cancel(LedgerEntry claimed, String reason) {
        return end(claimed, LedgerStatus.CANCELLED, reason);
    }

    /** Ends a claimed row untried because its address was suppressed since its last attempt. */
    public Uni<LedgerEntry> suppress(LedgerEntry claimed, String reason) {
        return end(claimed, LedgerStatus.SUPPRESSED, reason);
    }

    /** Renews a claim that waited for a token, so its age counts from the send; null when it was lost meanwhile. */
    public Uni<LedgerEntry> renew(LedgerEntry claimed) {
        return ledger.one("UPDATE delivery.ledger SET claimed_at = now(), updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND claim_id = $3 AND status = 'CLAIMED'"
                + " RETURNING " + DeliveryLedger.COLUMNS,
                Tuple.of(claimed.recipientId(), claimed.generation(), claimed.claimId()));
    }

    private Uni<LedgerEntry> end(LedgerEntry claimed, LedgerStatus status, String reason) {
        return ledger.one("UPDATE delivery.ledger SET status = $5, attempt = attempt - 1, smtp_reply = $4,"
                + " outcome_published = false, updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND claim_id = $3 AND status = 'CLAIMED'"
                + " RETURNING " + DeliveryLedger.COLUMNS,
                Tuple.of(claimed.recipientId(), claimed.generation(), claimed.claimId(), reason, status.name()));
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
                + " FOR UPDATE SKIP LOCKED) RETURNING " + prefixed(),
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
                + " RETURNING " + prefixed(), Tuple.of((double) lifetime.toSeconds(), lifetime.toString(), limit));
    }

    private static String prefixed() {
        return "l." + DeliveryLedger.COLUMNS.replace(", ", ", l.");
    }
}
