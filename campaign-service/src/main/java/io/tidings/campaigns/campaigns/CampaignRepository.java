package io.tidings.campaigns.campaigns;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.paging.PageRequest;
import io.tidings.campaigns.recipients.RecipientCounts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Stores and reads campaigns with their recipient counts; public reads are always scoped by project. */
@ApplicationScoped
public class CampaignRepository {
    private static final String SELECT = "SELECT c.id, c.project_id, c.name, c.sender_id, c.segment_id, c.subject, "
            + "c.text_body, c.html_body, c.state, c.state_reason, c.expanded_count, c.created_at, c.updated_at, "
            + "c.sent_at, c.completed_at, " + RecipientCounts.COLUMNS
            + " FROM campaigns.campaign c JOIN campaigns.recipient_counts k ON k.campaign_id = c.id ";

    private final Pool db;

    public CampaignRepository(Pool db) {
        this.db = db;
    }

    /** Inserts a DRAFT campaign and its zeroed counters together. */
    public Uni<Void> insert(Campaign campaign) {
        OffsetDateTime now = campaign.createdAt().atOffset(ZoneOffset.UTC);
        return db.withTransaction(tx -> tx.preparedQuery("INSERT INTO campaigns.campaign (id, project_id, name, "
                        + "sender_id, segment_id, subject, text_body, html_body, state, created_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'DRAFT', $9, $9)")
                .execute(Tuple.from(Arrays.asList(campaign.id(), campaign.projectId(), campaign.name(),
                        campaign.senderId(), campaign.segmentId(), campaign.subject(), campaign.textBody(),
                        campaign.htmlBody(), now)))
                .chain(() -> tx.preparedQuery("INSERT INTO campaigns.recipient_counts (campaign_id) VALUES ($1)")
                        .execute(Tuple.of(campaign.id())))
                .replaceWithVoid());
    }

    public Uni<Campaign> find(UUID projectId, UUID id) {
        return db.preparedQuery(SELECT + "WHERE c.project_id = $1 AND c.id = $2")
                .execute(Tuple.of(projectId, id))
                .map(CampaignRepository::first);
    }

    /** Reads a campaign for background work, which acts for whichever project owns it. */
    public Uni<Campaign> findForWork(UUID id) {
        return db.preparedQuery(SELECT + "WHERE c.id = $1").execute(Tuple.of(id)).map(CampaignRepository::first);
    }

    public Uni<List<Campaign>> list(UUID projectId, PageRequest page) {
        return db.preparedQuery(SELECT + "WHERE c.project_id = $1 AND ($2::uuid IS NULL OR c.id > $2) "
                        + "ORDER BY c.id LIMIT $3")
                .execute(Tuple.of(projectId, page.after(), page.fetchSize()))
                .map(CampaignRepository::readAll);
    }

    /** DRAFT to EXPANDING, only once however many calls race: true for the one call that moved it. */
    public Uni<Boolean> startExpanding(UUID projectId, UUID id) {
        return db.preparedQuery("UPDATE campaigns.campaign SET state = 'EXPANDING', updated_at = now() "
                        + "WHERE project_id = $1 AND id = $2 AND state = 'DRAFT'")
                .execute(Tuple.of(projectId, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records that the expansion stored its last page. An EXPANDING campaign becomes SENDING (a campaign with nobody
     * to send to completes); one paused or cancelled meanwhile keeps its state, which is announced again, since the
     * expansion has just published a SENDING control record for it.
     */
    public Uni<Void> finishExpansion(UUID id) {
        return db.withTransaction(tx -> tx.preparedQuery("UPDATE campaigns.campaign SET expansion_done = true, "
                        + "sent_at = COALESCE(sent_at, now()), last_progress_at = now(), updated_at = now(), "
                        + "state = CASE WHEN state = 'EXPANDING' THEN 'SENDING' ELSE state END, "
                        + "announced_state = CASE WHEN state = 'EXPANDING' THEN announced_state ELSE 'EXPANDING' END "
                        + "WHERE id = $1 AND NOT expansion_done")
                .execute(Tuple.of(id))
                .chain(() -> completeIfDone(tx, id))
                .replaceWithVoid());
    }

    /**
     * SENDING (or STALLED) to COMPLETED when no recipient is PENDING, QUEUED or DEFERRED any more; true when this
     * call did it.
     * Run it in the transaction that changed the counters, after them.
     */
    public Uni<Boolean> completeIfDone(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE campaigns.campaign c SET state = 'COMPLETED', completed_at = now(), "
                        + "updated_at = now() FROM campaigns.recipient_counts k WHERE c.id = $1 AND k.campaign_id = c.id "
                        + "AND c.state IN ('SENDING', 'STALLED') AND k.pending + k.queued + k.deferred = 0")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Ids of the campaigns whose expansion is unfinished and still wanted (EXPANDING, or PAUSED meanwhile). */
    public Uni<List<UUID>> unfinishedExpansions() {
        return db.preparedQuery("SELECT id FROM campaigns.campaign WHERE state IN ('EXPANDING', 'PAUSED') "
                        + "AND NOT expansion_done ORDER BY id")
                .execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    private static Campaign first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? read(rows.iterator().next()) : null;
    }

    private static List<Campaign> readAll(RowSet<Row> rows) {
        List<Campaign> campaigns = new ArrayList<>();
        rows.forEach(row -> campaigns.add(read(row)));
        return campaigns;
    }

    static Campaign read(Row row) {
        return new Campaign(row.getUUID("id"), row.getUUID("project_id"), row.getString("name"),
                row.getUUID("sender_id"), row.getUUID("segment_id"), row.getString("subject"),
                row.getString("text_body"), row.getString("html_body"), CampaignState.valueOf(row.getString("state")),
                row.getString("state_reason"), row.getLong("expanded_count"), RecipientCounts.read(row),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "sent_at"),
                instant(row, "completed_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
