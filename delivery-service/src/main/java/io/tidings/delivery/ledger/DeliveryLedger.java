package io.tidings.delivery.ledger;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The delivery ledger ({@code delivery.ledger}): claims a recipient's generation before SMTP and records the reply
 * after it. Every write is guarded by the row's status and claim id, so a pod that lost its claim changes nothing.
 * The hot statements (find, claim, park, record, published) are batched by {@link StatementBatcher}: one multi-row
 * statement over {@code unnest} arrays answers each of its rows (matched back by key), exactly as the single-row
 * statement would.
 */
@ApplicationScoped
public class DeliveryLedger {
    static final String COLUMNS = "recipient_id, generation, project_id, campaign_id, contact_id, email, "
            + "normalized_email, first_name, last_name, fields, status, claim_id, claimed_at, attempt, smtp_code, "
            + "enhanced_code, smtp_reply, message_id, next_attempt_at, created_at";
    static final String L_COLUMNS = "l." + COLUMNS.replace(", ", ", l.");
    private static final String NEW_ROWS = "unnest($1::uuid[], $2::int4[], $3::uuid[], $4::uuid[], $5::uuid[],"
            + " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[])"
            + " AS t(r, g, p, c, ct, e, ne, fn, ln, f, cl, m)";

    // the keyed batch statements (LedgerBatchingTest checks their generic plans in this service's sessions)
    static final String FIND = "SELECT " + COLUMNS + " FROM delivery.ledger WHERE (recipient_id, generation) IN"
            + " (SELECT * FROM unnest($1::uuid[], $2::int4[]))";
    // a claim (no outcome yet: whatever settles it sets the flag) and a parked row (nothing to announce) both go in
    // as published
    static final String CLAIM = newRows("status, attempt, claim_id, claimed_at", "'CLAIMED', 1, t.cl, now()");
    static final String PARK = newRows("status, attempt, next_attempt_at", "'DEFERRED', 0, now()");
    static final String RECORD = "UPDATE delivery.ledger l SET status = t.s, smtp_code = t.code,"
            + " enhanced_code = t.enh, smtp_reply = t.reply, next_attempt_at = t.next, outcome_published = t.pub,"
            + " updated_at = now() FROM unnest($1::uuid[], $2::int4[], $3::uuid[], $4::text[], $5::int4[],"
            + " $6::text[], $7::text[], $8::timestamptz[], $9::bool[]) AS t(r, g, cl, s, code, enh, reply, next, pub)"
            + " WHERE l.recipient_id = t.r AND l.generation = t.g AND l.claim_id = t.cl AND l.status = 'CLAIMED'"
            + " RETURNING " + L_COLUMNS;
    static final String MARK_PUBLISHED = "UPDATE delivery.ledger l SET outcome_published = true"
            + " FROM unnest($1::uuid[], $2::int4[], $3::text[], $4::int4[]) AS t(r, g, s, a)"
            + " WHERE l.recipient_id = t.r AND l.generation = t.g AND l.status = t.s AND l.attempt = t.a"
            + " AND NOT l.outcome_published";
    static final String SUPERSEDE = "UPDATE delivery.ledger l SET status = 'SUPERSEDED', updated_at = now()"
            + " FROM (SELECT r, max(g) AS g FROM unnest($1::uuid[], $2::int4[]) AS u(r, g) GROUP BY r) AS t"
            + " WHERE l.recipient_id = t.r AND l.generation < t.g AND l.status = 'DEFERRED'";

    /** The batched INSERT of new rows from requests ({@link #NEW_ROWS}), with the state columns of their kind. */
    private static String newRows(String stateColumns, String stateValues) {
        return "INSERT INTO delivery.ledger (recipient_id, generation, project_id, campaign_id, contact_id, email,"
                + " normalized_email, first_name, last_name, fields, message_id, outcome_published, " + stateColumns
                + ") SELECT t.r, t.g, t.p, t.c, t.ct, t.e, t.ne, t.fn, t.ln, t.f::jsonb, t.m, true, " + stateValues
                + " FROM " + NEW_ROWS + " ON CONFLICT (recipient_id, generation) DO NOTHING RETURNING " + COLUMNS;
    }

    private final Pool pool;
    private final StatementBatcher<Lookup, LedgerEntry> finds;
    private final StatementBatcher<NewRow, LedgerEntry> claims;
    private final StatementBatcher<NewRow, LedgerEntry> parks;
    private final StatementBatcher<Recording, LedgerEntry> records;
    private final StatementBatcher<LedgerEntry, Boolean> published;
    private final StatementBatcher<LedgerEntry, Boolean> supersessions;

    DeliveryLedger(Pool pool, DeliveryConfig config) {
        this.pool = pool;
        int rows = config.ledger().batchRows();
        int inFlight = config.ledger().statementsInFlight();
        this.finds = new StatementBatcher<>(rows, inFlight, this::findAll);
        this.claims = new StatementBatcher<>(rows, inFlight, batch -> insertAll(batch, true));
        this.parks = new StatementBatcher<>(rows, inFlight, batch -> insertAll(batch, false));
        this.records = new StatementBatcher<>(rows, inFlight, this::recordAll);
        this.published = new StatementBatcher<>(rows, inFlight, this::markAllPublished);
        this.supersessions = new StatementBatcher<>(rows, inFlight, this::supersedeAllOlder);
    }

    /** The row of this recipient's generation in this project, or null. */
    public Uni<LedgerEntry> find(UUID projectId, UUID recipientId, int generation) {
        return finds.submit(new Lookup(projectId, new LedgerKey(recipientId, generation)));
    }

    /** Claims the request's generation for a first attempt; null when a row already exists. */
    public Uni<LedgerEntry> claim(DeliveryRequest request, UUID claimId, String messageId) {
        return claims.submit(new NewRow(request, claimId, messageId));
    }

    /**
     * Parks the request's generation for the retry loop: DEFERRED, attempt 0, due now, its (absent) outcome noted as
     * published, since the recipient simply stays QUEUED upstream. Null when a row already exists.
     */
    public Uni<LedgerEntry> park(DeliveryRequest request, String messageId) {
        return parks.submit(new NewRow(request, null, messageId));
    }

    /**
     * Older generations of the entry's recipient still waiting to retry are replaced by the entry's: they are never
     * sent. Nothing to do for a first generation.
     */
    public Uni<Void> supersedeOlder(LedgerEntry entry) {
        return entry.generation() == 1 ? Uni.createFrom().voidItem() : supersessions.submit(entry).replaceWithVoid();
    }

    /**
     * Records the reply of a claimed send; null when the claim was lost meanwhile (the row was settled). With
     * {@code requestCarriesOutcome} the row is recorded as published at once: the send came from a Kafka request that
     * stays unacknowledged until its outcome is on Kafka, and a redelivery of it re-publishes the recorded outcome,
     * so the row need not be marked (and the published mark need not be written) once more. A send from the retry
     * loop has no such request: its outcome is noted unpublished until {@link #markPublished}.
     */
    public Uni<LedgerEntry> record(LedgerEntry claimed, SmtpReply reply, Instant nextAttemptAt,
            boolean requestCarriesOutcome) {
        return records.submit(new Recording(claimed, reply, nextAttemptAt, requestCarriesOutcome));
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
        return published.submit(entry).replaceWithVoid();
    }

    /**
     * Notes that the outcome of the row's current state is <em>not</em> on Kafka, so the retry loop publishes it: a
     * row recorded as published because its request carried the outcome, whose publishing then failed.
     */
    public Uni<Void> markUnpublished(LedgerEntry entry) {
        return run("UPDATE delivery.ledger SET outcome_published = false"
                + " WHERE recipient_id = $1 AND generation = $2 AND status = $3 AND attempt = $4",
                Tuple.of(entry.recipientId(), entry.generation(), entry.status().name(), entry.attempt()))
                .replaceWithVoid();
    }

    private Uni<List<LedgerEntry>> findAll(List<Lookup> lookups) {
        return run(FIND,
                Tuple.of(column(lookups, l -> l.key().recipientId(), UUID[]::new),
                        column(lookups, l -> l.key().generation(), Integer[]::new)))
                .map(rows -> {
                    Map<LedgerKey, LedgerEntry> found = byKey(rows);
                    List<LedgerEntry> answers = new ArrayList<>(lookups.size());
                    for (Lookup lookup : lookups) {
                        LedgerEntry entry = found.get(lookup.key());
                        answers.add(entry != null && entry.projectId().equals(lookup.projectId()) ? entry : null);
                    }
                    return answers;
                });
    }

    // one INSERT may not hold a key twice: the first row of a key goes in, a later one is answered "exists" (null)
    private Uni<List<LedgerEntry>> insertAll(List<NewRow> batch, boolean claim) {
        KeyedBatch<NewRow> keyed = KeyedBatch.firstOfEachKey(batch, NewRow::key);
        List<NewRow> rows = keyed.rows();
        Tuple params = Tuple.tuple(List.<Object>of(
                column(rows, r -> r.request().recipientId(), UUID[]::new),
                column(rows, r -> r.request().generation(), Integer[]::new),
                column(rows, r -> r.request().projectId(), UUID[]::new),
                column(rows, r -> r.request().campaignId(), UUID[]::new),
                column(rows, r -> r.request().contactId(), UUID[]::new),
                column(rows, r -> r.request().email(), String[]::new),
                column(rows, r -> r.request().normalizedEmail(), String[]::new),
                column(rows, r -> r.request().firstName(), String[]::new),
                column(rows, r -> r.request().lastName(), String[]::new),
                column(rows, r -> new JsonObject(new HashMap<String, Object>(r.request().fieldsOrEmpty())).encode(),
                        String[]::new),
                column(rows, NewRow::claimId, UUID[]::new),
                column(rows, NewRow::messageId, String[]::new)));
        return run(claim ? CLAIM : PARK, params)
                .map(result -> keyed.answers(byKey(result)));
    }

    private Uni<List<LedgerEntry>> recordAll(List<Recording> batch) {
        KeyedBatch<Recording> keyed = KeyedBatch.lastOfEachKey(batch, r -> r.claimed().key());
        List<Recording> rows = keyed.rows();
        Tuple params = Tuple.tuple(List.<Object>of(
                column(rows, r -> r.claimed().recipientId(), UUID[]::new),
                column(rows, r -> r.claimed().generation(), Integer[]::new),
                column(rows, r -> r.claimed().claimId(), UUID[]::new),
                column(rows, r -> LedgerStatus.of(r.reply().status()).name(), String[]::new),
                column(rows, r -> r.reply().code(), Integer[]::new),
                column(rows, r -> r.reply().enhancedCode(), String[]::new),
                column(rows, r -> r.reply().text(), String[]::new),
                column(rows, r -> timestamp(r.nextAttemptAt()), OffsetDateTime[]::new),
                column(rows, Recording::requestCarriesOutcome, Boolean[]::new)));
        return run(RECORD, params)
                // a row is in RETURNING only if the item's claim still held it: otherwise the claim was lost
                .map(result -> keyed.answers(byKey(result)));
    }

    private Uni<List<Boolean>> markAllPublished(List<LedgerEntry> batch) {
        List<LedgerEntry> rows = KeyedBatch.lastOfEachKey(batch, LedgerEntry::key).rows();
        return run(MARK_PUBLISHED,
                Tuple.of(column(rows, LedgerEntry::recipientId, UUID[]::new),
                        column(rows, LedgerEntry::generation, Integer[]::new),
                        column(rows, e -> e.status().name(), String[]::new),
                        column(rows, LedgerEntry::attempt, Integer[]::new)))
                .map(result -> Collections.nCopies(batch.size(), Boolean.TRUE));
    }

    private Uni<List<Boolean>> supersedeAllOlder(List<LedgerEntry> batch) {
        return run(SUPERSEDE,
                Tuple.of(column(batch, LedgerEntry::recipientId, UUID[]::new),
                        column(batch, LedgerEntry::generation, Integer[]::new)))
                .map(result -> Collections.nCopies(batch.size(), Boolean.TRUE));
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
    Uni<RowSet<Row>> run(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(6);
    }

    static Map<LedgerKey, LedgerEntry> byKey(RowSet<Row> rows) {
        Map<LedgerKey, LedgerEntry> entries = new HashMap<>();
        rows.forEach(row -> {
            LedgerEntry entry = LedgerEntry.from(row);
            entries.put(entry.key(), entry);
        });
        return entries;
    }

    static <T, C> C[] column(List<T> rows, Function<T, ? extends C> value, java.util.function.IntFunction<C[]> array) {
        C[] column = array.apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private record Lookup(UUID projectId, LedgerKey key) {
    }

    private record NewRow(DeliveryRequest request, UUID claimId, String messageId) {
        LedgerKey key() {
            return new LedgerKey(request.recipientId(), request.generation());
        }
    }

    private record Recording(LedgerEntry claimed, SmtpReply reply, Instant nextAttemptAt,
            boolean requestCarriesOutcome) {
    }
}
