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

    /** The next PENDING recipients of a campaign after the given id (null: from the first). */
    public Uni<List<PendingRecipient>> batch(UUID campaignId, UUID after, int size) {
        return db.preparedQuery("SELECT id, project_id, campaign_id, contact_id, email, normalized_email, first_name, "
                        + "last_name, fields, generation FROM campaigns.mailing_recipient "
                        + "WHERE campaign_id = $1 AND status = 'PENDING' AND ($2::uuid IS NULL OR id > $2) "
                        // a campaign paused meanwhile stops here, and its recipients wait for resume
                        + "AND EXISTS (SELECT 1 FROM campaigns.campaign c WHERE c.id = $1 AND " + PUBLISHABLE + ") "
                        + "ORDER BY id LIMIT $3")
                .execute(Tuple.of(campaignId, after, size))
                .map(rows -> {
                    List<PendingRecipient> batch = new ArrayList<>();
                    rows.forEach(row -> batch.add(read(row)));
                    return batch;
                });
    }

    /**
     * PENDING to QUEUED for these recipients, counters moved in the same statement. Recipients that an outcome
     * already moved on are left alone, so the counters move exactly once. The campaign row is locked first FOR KEY
     * SHARE, which pause and cancel (FOR UPDATE) wait for but the expansion's pages and lease renewals (FOR NO KEY
     * UPDATE) do not: a campaign paused (or cancelled) meanwhile marks nothing, so a request that delivery hands
     * back PAUSED before this mark cannot leave its recipient QUEUED while paused; it stays PENDING and is published
     * again on resume (same generation, so delivery's ledger sends it at most once).
     */
    public Uni<Integer> markQueued(UUID campaignId, List<UUID> ids) {
        return db.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM campaigns.campaign "
                        + "WHERE id = $1 AND state IN ('EXPANDING', 'SENDING', 'STALLED') FOR KEY SHARE")
                .execute(Tuple.of(campaignId))
                .chain(locked -> !locked.iterator().hasNext() ? Uni.createFrom().item(0)
                        : tx.preparedQuery("WITH moved AS (UPDATE campaigns.mailing_recipient SET status = 'QUEUED', "
                                + "updated_at = now() WHERE campaign_id = $1 AND id = ANY($2) AND status = 'PENDING' "
                                + "RETURNING 1), n AS (SELECT count(*) AS moved FROM moved) "
                                + "UPDATE campaigns.recipient_counts k SET pending = k.pending - n.moved, "
                                + "queued = k.queued + n.moved FROM n WHERE k.campaign_id = $1 RETURNING n.moved")
                        .execute(Tuple.of(campaignId, ids.toArray(UUID[]::new)))
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
