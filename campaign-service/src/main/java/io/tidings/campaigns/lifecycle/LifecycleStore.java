package io.tidings.campaigns.lifecycle;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The SQL of pause, resume, cancel and retry. Each runs inside the caller's transaction, after
 * {@link #lock}, and moves recipients and their counters in the same statement.
 */
@ApplicationScoped
public class LifecycleStore {
    /**
     * The counters' SET clause for "recipients became PENDING (again)": the publisher walks the campaign from its
     * first recipient, and marks of batches read before this move no cursor (see {@code PendingRecipients}).
     */
    public static final String REQUEUED = "publish_from = NULL, publish_epoch = k.publish_epoch + 1";

    /** Locks the project's campaign row; null when the project has no such campaign. */
    public Uni<CampaignLock> lock(SqlClient tx, UUID projectId, UUID id) {
        return tx.preparedQuery("SELECT c.state, c.expansion_done, s.blocked_reason FROM campaigns.campaign c "
                        + "JOIN campaigns.sender s ON s.id = c.sender_id WHERE c.project_id = $1 AND c.id = $2 "
                        + "FOR UPDATE OF c")
                .execute(Tuple.of(projectId, id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new CampaignLock(CampaignState.valueOf(row.getString("state")),
                            row.getBoolean("expansion_done"), row.getString("blocked_reason"));
                });
    }

    /** Sets the state and its reason; a campaign that is sending again starts its stall clock now. */
    public Uni<Void> setState(SqlClient tx, UUID id, CampaignState state, String reason) {
        return tx.preparedQuery("UPDATE campaigns.campaign SET state = $2, state_reason = $3, updated_at = now(), "
                        + "last_progress_at = CASE WHEN $2 IN ('SENDING', 'EXPANDING') THEN now() ELSE last_progress_at END, "
                        + "completed_at = CASE WHEN $2 = 'SENDING' THEN NULL ELSE completed_at END WHERE id = $1")
                .execute(Tuple.of(id, state.name(), reason))
                .replaceWithVoid();
    }

    /**
     * Moves every recipient of the campaign in status {@code from} to {@code to}, with the counters; {@code
     * newGeneration} also raises their generation and restarts their attempts. Answers how many moved. Recipients
     * made PENDING again clear the publisher's cursor (see {@code PendingRecipients}).
     */
    public Uni<Long> move(SqlClient tx, UUID campaignId, RecipientStatus from, RecipientStatus to, boolean newGeneration) {
        String generation = newGeneration ? ", generation = generation + 1, attempt = 0, generation_spent = false" : "";
        // column names come from the enum, never from input
        return tx.preparedQuery("WITH moved AS (UPDATE campaigns.mailing_recipient SET status = $3, updated_at = now()"
                        + generation + " WHERE campaign_id = $1 AND status = $2 RETURNING 1), "
                        + "n AS (SELECT count(*) AS moved FROM moved) "
                        + "UPDATE campaigns.recipient_counts k SET " + from.countColumn() + " = k." + from.countColumn()
                        + " - n.moved, " + to.countColumn() + " = k." + to.countColumn() + " + n.moved"
                        + (to == RecipientStatus.PENDING ? ", " + REQUEUED : "")
                        + " FROM n WHERE k.campaign_id = $1 RETURNING n.moved")
                .execute(Tuple.of(campaignId, from.name(), to.name()))
                .map(rows -> rows.iterator().next().getLong("moved"));
    }

    /**
     * Gives a new generation to the PENDING recipients whose current one is spent at delivery-service (a
     * SENDER_BLOCKED reply is final in its ledger), so they can be sent again.
     */
    public Uni<Long> renewSpentGenerations(SqlClient tx, UUID campaignId) {
        return tx.preparedQuery("WITH renewed AS (UPDATE campaigns.mailing_recipient SET generation = generation + 1, "
                        + "attempt = 0, generation_spent = false, updated_at = now() "
                        + "WHERE campaign_id = $1 AND status = 'PENDING' AND generation_spent RETURNING 1), "
                        + "n AS (SELECT count(*) AS renewed FROM renewed) "
                        + "UPDATE campaigns.recipient_counts k SET " + REQUEUED + " FROM n "
                        + "WHERE k.campaign_id = $1 RETURNING n.renewed")
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.iterator().next().getLong("renewed"));
    }
}
