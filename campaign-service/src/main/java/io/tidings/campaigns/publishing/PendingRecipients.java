package io.tidings.campaigns.publishing;

import io.smallrye.mutiny.Uni;
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
    // for this transaction only: a batch of ids is looked up row by row (nested loop over the ids), never joined by
    // scanning the campaign's rows
    private static final String LOOKUPS_ONLY = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
            + "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off";

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
     * A batch of PENDING recipients, and how many times the campaign had been paused when it was read:
     * {@link #markQueued} marks it only if no pause has come since.
     */
    public record Batch(List<PendingRecipient> recipients, long pauses) {
    }

    /** The next PENDING recipients of a campaign after the given id (null: from the first). */
    public Uni<Batch> batch(UUID campaignId, UUID after, int size) {
        return db.preparedQuery("SELECT id, project_id, campaign_id, contact_id, email, normalized_email, first_name, "
                        + "last_name, fields, generation, (SELECT pauses FROM campaigns.campaign WHERE id = $1) AS pauses FROM campaigns.mailing_recipient "
                        + "WHERE campaign_id = $1 AND status = 'PENDING' AND ($2::uuid IS NULL OR id > $2) "
                        // a campaign paused meanwhile stops here, and its recipients wait for resume
                        + "AND EXISTS (SELECT 1 FROM campaigns.campaign c WHERE c.id = $1 AND " + PUBLISHABLE + ") "
                        + "ORDER BY id LIMIT $3")
                .execute(Tuple.of(campaignId, after, size))
                .map(rows -> {
                    List<PendingRecipient> batch = new ArrayList<>();
                    long pauses = 0;
                    for (Row row : rows) {
                        batch.add(read(row));
                        pauses = row.getLong("pauses");
                    }
                    return new Batch(batch, pauses);
                });
    }

    /**
     * PENDING to QUEUED for these recipients, counters moved in the same statement. Recipients that an outcome
     * already moved on are left alone, so the counters move exactly once. The campaign row is locked first FOR KEY
     * SHARE, which pause and cancel (FOR UPDATE) wait for but the expansion's pages and lease renewals (FOR NO KEY
     * UPDATE) do not: a campaign paused (or cancelled) meanwhile marks nothing, so a request that delivery hands
     * back PAUSED before this mark cannot leave its recipient QUEUED while paused; it stays PENDING and is published
     * again on resume (same generation, so delivery's ledger sends it at most once). The same holds when the
     * campaign was paused and resumed since the batch was read (both between Kafka's ack and this mark): its pause
     * count (column {@code pauses}, raised by a trigger) is no longer {@code pauses}, and nothing is marked either.
     */
    public Uni<Integer> markQueued(UUID campaignId, List<UUID> ids, long pauses) {
        return db.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM campaigns.campaign "
                        + "WHERE id = $1 AND state IN ('EXPANDING', 'SENDING', 'STALLED') AND pauses = $2 FOR KEY SHARE")
                .execute(Tuple.of(campaignId, pauses))
                .chain(locked -> !locked.iterator().hasNext() ? Uni.createFrom().item(0)
                        // one primary-key lookup per id, whatever the statistics say: with statistics older than
                        // the campaign's rows (autovacuum lags a fast expansion), the planner read the campaign's
                        // whole partial PENDING index, for every batch or even every id. The ids are this
                        // campaign's (read by batch()), so the campaign is not a condition the planner could use
                        : tx.query(LOOKUPS_ONLY).execute().chain(() -> tx.preparedQuery("WITH moved AS ("
                                + "UPDATE campaigns.mailing_recipient r SET status = 'QUEUED', updated_at = now() "
                                + "FROM unnest($2::uuid[]) AS t(id) WHERE r.id = t.id AND r.status = 'PENDING' "
                                + "RETURNING 1), n AS (SELECT count(*) AS moved FROM moved) "
                                + "UPDATE campaigns.recipient_counts k SET pending = k.pending - n.moved, "
                                + "queued = k.queued + n.moved FROM n WHERE k.campaign_id = $1 RETURNING n.moved")
                        .execute(Tuple.of(campaignId, ids.toArray(UUID[]::new))))
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
