package io.tidings.campaigns.publishing;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.db.PlanSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads PENDING recipients of publishable campaigns in id order, and marks published ones QUEUED. A campaign is
 * publishable when SENDING or STALLED, or when EXPANDING once campaign.control has announced it (delivery needs
 * the control record before any request): its stored pages are then published while the next ones are stored.
 */
@ApplicationScoped
public class PendingRecipients {
    // for this transaction only: a campaign's recipients are walked in the order of its (campaign_id, id) index
    // from the cursor on, never sorted after a scan of all of them
    private static final String INDEX_ORDER_ONLY = "SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off; "
            + "SET LOCAL enable_seqscan = off";
    private static final String NO_ID = "00000000-0000-0000-0000-000000000000";

    private static final String PUBLISHABLE = "(c.state IN ('SENDING', 'STALLED') "
            + "OR (c.state = 'EXPANDING' AND c.announced_state = 'EXPANDING'))";

    private final Pool db;

    public PendingRecipients(Pool db) {
        this.db = db;
    }

    public Uni<List<UUID>> sendingCampaigns() {
        return db.query("SELECT id FROM campaigns.campaign c WHERE " + PUBLISHABLE + " ORDER BY id").execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    /**
     * A batch of PENDING recipients, read in one snapshot with: where the batch began ({@code after}: the id of the
     * previous batch's last, or the campaign's stored cursor), the campaign's publish epoch and how many times it had
     * been paused. {@link #markQueued} marks the batch only if no pause has come since, and moves the cursor past it
     * only if nothing became PENDING since (the epoch) and the cursor is still where the batch began.
     */
    public record Batch(List<PendingRecipient> recipients, UUID after, long epoch, long pauses) {
        static final Batch NONE = new Batch(List.of(), null, 0, 0);

        public UUID last() {
            return recipients.get(recipients.size() - 1).id();
        }
    }

    /**
     * The next PENDING recipients of a campaign after the given id, or after its stored cursor when null. Found
     * through the campaign's (campaign_id, id) index from that id on, past recipients no longer PENDING: the cursor
     * keeps that walk short, since no index names the status (status changes are heap-only updates).
     */
    public Uni<Batch> batch(UUID campaignId, UUID after, int size) {
        return db.withTransaction(tx -> tx.query(INDEX_ORDER_ONLY).execute().chain(() -> tx.preparedQuery(
                        "SELECT r.id, r.project_id, r.campaign_id, r.contact_id, r.email, r.normalized_email, "
                        + "r.first_name, r.last_name, r.fields, r.generation, s.after, s.epoch, s.pauses "
                        + "FROM (SELECT coalesce($2, k.publish_from) AS after, k.publish_epoch AS epoch, c.pauses "
                        + "FROM campaigns.recipient_counts k JOIN campaigns.campaign c ON c.id = k.campaign_id "
                        // a campaign paused meanwhile stops here, and its recipients wait for resume
                        + "WHERE k.campaign_id = $1 AND " + PUBLISHABLE + ") s "
                        + "CROSS JOIN LATERAL (SELECT * FROM campaigns.mailing_recipient r "
                        + "WHERE r.campaign_id = $1 AND r.id > coalesce(s.after, '" + NO_ID + "'::uuid) "
                        + "AND r.status = 'PENDING' ORDER BY r.id LIMIT $3) r ORDER BY r.id")
                .execute(Tuple.of(campaignId, after, size))))
                .map(rows -> {
                    List<PendingRecipient> batch = new ArrayList<>();
                    UUID from = null;
                    long epoch = 0;
                    long pauses = 0;
                    for (Row row : rows) {
                        batch.add(read(row));
                        from = row.getUUID("after");
                        epoch = row.getLong("epoch");
                        pauses = row.getLong("pauses");
                    }
                    return batch.isEmpty() ? Batch.NONE : new Batch(batch, from, epoch, pauses);
                });
    }

    /**
     * PENDING to QUEUED for the batch's recipients, counters moved in the same statement. Recipients that an outcome
     * already moved on are left alone, so the counters move exactly once. The campaign row is locked first FOR KEY
     * SHARE, which pause and cancel (FOR UPDATE) wait for but the expansion's pages and lease renewals (FOR NO KEY
     * UPDATE) do not: a campaign paused (or cancelled) meanwhile marks nothing, so a request that delivery hands
     * back PAUSED before this mark cannot leave its recipient QUEUED while paused; it stays PENDING and is published
     * again on resume (same generation, so delivery's ledger sends it at most once). The same holds when the
     * campaign was paused and resumed since the batch was read (both between Kafka's ack and this mark): its pause
     * count (column {@code pauses}, raised by a trigger) is no longer the batch's, and nothing is marked either.
     *
     * <p>The cursor moves to the batch's last id in the same statement, only from where the batch began and only if
     * the epoch is the batch's: then no recipient up to that id can still be PENDING. Marks of one campaign must
     * therefore come in batch order ({@link RecipientPublisher} keeps it); one out of order leaves the cursor behind,
     * which costs a longer walk, never a recipient.
     */
    public Uni<Integer> markQueued(UUID campaignId, Batch batch) {
        UUID[] ids = batch.recipients().stream().map(PendingRecipient::id).toArray(UUID[]::new);
        return db.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM campaigns.campaign "
                        + "WHERE id = $1 AND state IN ('EXPANDING', 'SENDING', 'STALLED') AND pauses = $2 FOR KEY SHARE")
                .execute(Tuple.of(campaignId, batch.pauses()))
                .chain(locked -> !locked.iterator().hasNext() ? Uni.createFrom().item(0)
                        // one primary-key lookup per id, whatever the statistics say: with statistics older than
                        // the campaign's rows (autovacuum lags a fast expansion), the planner may scan the
                        // campaign's rows for every batch. The ids are this campaign's (read by batch()), so the
                        // campaign is not a condition the planner could use
                        : tx.query(PlanSettings.LOOKUPS_ONLY).execute().chain(() -> tx.preparedQuery("WITH moved AS ("
                                + "UPDATE campaigns.mailing_recipient r SET status = 'QUEUED', updated_at = now() "
                                + "FROM unnest($2::uuid[]) AS t(id) WHERE r.id = t.id AND r.status = 'PENDING' "
                                + "RETURNING 1), n AS (SELECT count(*) AS moved FROM moved) "
                                + "UPDATE campaigns.recipient_counts k SET pending = k.pending - n.moved, "
                                + "queued = k.queued + n.moved, publish_from = CASE WHEN k.publish_epoch = $3 "
                                + "AND k.publish_from IS NOT DISTINCT FROM $4 THEN $5 ELSE k.publish_from END "
                                + "FROM n WHERE k.campaign_id = $1 RETURNING n.moved")
                        .execute(Tuple.of(campaignId, ids, batch.epoch(), batch.after(), batch.last())))
                        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("moved").intValue() : 0)));
    }

    private static PendingRecipient read(Row row) {
        JsonObject fields = row.getJsonObject("fields");
        Map<String, String> values = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach(entry -> values.put(entry.getKey(), entry.getValue() == null ? null : entry.getValue().toString()));
        }
        return new PendingRecipient(row.getUUID("id"), row.getUUID("project_id"), row.getUUID("campaign_id"),
                row.getUUID("contact_id"), row.getString("email"), row.getString("normalized_email"),
                row.getString("first_name"), row.getString("last_name"), values, row.getInteger("generation"));
    }
}
