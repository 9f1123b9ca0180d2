package io.tidings.delivery.ledger;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.request.DeliveryRequest;
import io.tidings.delivery.sending.SmtpReply;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * The delivery ledger ({@code delivery.ledger}): claims a recipient's generation before SMTP and records the reply
 * after it. Every write is guarded by the row's status and claim id, so a pod that lost its claim changes nothing.
 */
@ApplicationScoped
public class DeliveryLedger {
    static final String COLUMNS = "recipient_id, generation, project_id, campaign_id, contact_id, email, "
            + "normalized_email, first_name, last_name, fields, status, claim_id, claimed_at, attempt, smtp_code, "
            + "enhanced_code, smtp_reply, message_id, next_attempt_at, created_at";

    private final Pool pool;

    DeliveryLedger(Pool pool) {
        this.pool = pool;
    }

    /** The row of this recipient's generation in this project, or null. */
    public Uni<LedgerEntry> find(UUID projectId, UUID recipientId, int generation) {
        return one("SELECT " + COLUMNS + " FROM delivery.ledger"
                + " WHERE recipient_id = $1 AND generation = $2 AND project_id = $3",
                Tuple.of(recipientId, generation, projectId));
    }

    /** Claims the request's generation for a first attempt; null when a row already exists. */
    public Uni<LedgerEntry> claim(DeliveryRequest request, UUID claimId, String messageId) {
        return one("INSERT INTO delivery.ledger (recipient_id, generation, project_id, campaign_id, contact_id, email,"
                + " normalized_email, first_name, last_name, fields, status, claim_id, claimed_at, attempt, message_id)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'CLAIMED', $11, now(), 1, $12)"
                + " ON CONFLICT (recipient_id, generation) DO NOTHING RETURNING " + COLUMNS,
                Tuple.tuple(Arrays.<Object>asList(request.recipientId(), request.generation(), request.projectId(),
                        request.campaignId(), request.contactId(), request.email(), request.normalizedEmail(),
                        request.firstName(), request.lastName(), new JsonObject(new HashMap<String, Object>(
                                request.fieldsOrEmpty())), claimId, messageId)));
    }

    /**
     * Older generations of the recipient still waiting to retry are replaced by a newer one: they are never sent.
     */
    public Uni<Void> supersedeOlder(UUID recipientId, int generation) {
        return run("UPDATE delivery.ledger SET status = 'SUPERSEDED', updated_at = now()"
                + " WHERE recipient_id = $1 AND generation < $2 AND status = 'DEFERRED'",
                Tuple.of(recipientId, generation)).replaceWithVoid();
    }

    /** Records the reply of a claimed send; null when the claim was lost meanwhile (the row was settled). */
    public Uni<LedgerEntry> record(LedgerEntry claimed, SmtpReply reply, Instant nextAttemptAt) {
        return one("UPDATE delivery.ledger SET status = $4, smtp_code = $5, enhanced_code = $6, smtp_reply = $7,"
                + " next_attempt_at = $8, outcome_published = false, updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND claim_id = $3 AND status = 'CLAIMED'"
                + " RETURNING " + COLUMNS,
                Tuple.tuple(Arrays.<Object>asList(claimed.recipientId(), claimed.generation(), claimed.claimId(),
                        LedgerStatus.of(reply.status()).name(), reply.code(), reply.enhancedCode(), reply.text(),
                        timestamp(nextAttemptAt))));
    }

    /** Settles a claim older than the lease as UNKNOWN: its holder never recorded a reply. Null if not stale. */
    public Uni<LedgerEntry> settleStaleClaim(LedgerEntry claimed, Duration lease, String why) {
        return one("UPDATE delivery.ledger SET status = 'UNKNOWN', smtp_reply = $4, outcome_published = false,"
                + " updated_at = now()"
                + " WHERE recipient_id = $1 AND generation = $2 AND claim_id = $3 AND status = 'CLAIMED'"
                + " AND claimed_at < now() - make_interval(secs => $5) RETURNING " + COLUMNS,
                Tuple.of(claimed.recipientId(), claimed.generation(), claimed.claimId(), why,
                        (double) lease.toSeconds()));
    }

    /** Notes that the outcome of the row's current state (status and attempt) is on Kafka. */
    public Uni<Void> markPublished(LedgerEntry entry) {
        return run("UPDATE delivery.ledger SET outcome_published = true"
                + " WHERE recipient_id = $1 AND generation = $2 AND status = $3 AND attempt = $4"
                + " AND NOT outcome_published",
                Tuple.of(entry.recipientId(), entry.generation(), entry.status().name(), entry.attempt()))
                .replaceWithVoid();
    }

    Uni<LedgerEntry> one(String sql, Tuple params) {
        return run(sql, params).map(rows -> rows.size() == 0 ? null : LedgerEntry.from(rows.iterator().next()));
    }

    Uni<List<LedgerEntry>> all(String sql, Tuple params) {
        return run(sql, params).map(rows -> {
            List<LedgerEntry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(LedgerEntry.from(row)));
            return entries;
        });
    }

    // every statement is safe to repeat (guarded by status and claim), so a lost connection is retried briefly
    private Uni<RowSet<Row>> run(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(6);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
