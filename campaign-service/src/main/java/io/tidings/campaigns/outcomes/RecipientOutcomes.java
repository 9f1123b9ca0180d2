package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/**
 * Applies a delivery outcome to its recipient by the state machine of ARCHITECTURE.md, in one transaction with
 * the counters: outcomes of another generation are ignored, terminal states never move, a non-terminal outcome
 * older than the recipient's attempt is ignored. The conditional UPDATE returns the old status, so duplicates
 * and replays change nothing and the counters move exactly once.
 */
@ApplicationScoped
public class RecipientOutcomes {
    private static final String APPLY = "UPDATE campaigns.mailing_recipient r SET status = $5, attempt = $6, "
            + "smtp_code = $7, enhanced_code = $8, smtp_reply = $9, message_id = COALESCE($10, r.message_id), "
            + "updated_at = now() "
            + "FROM (SELECT id, status FROM campaigns.mailing_recipient WHERE id = $1 AND project_id = $2 "
            + "AND campaign_id = $3 FOR UPDATE) old "
            + "WHERE r.id = old.id AND r.generation = $4 AND r.status NOT IN " + RecipientStatus.TERMINAL_SQL
            + " AND ($11 OR r.attempt <= $6) RETURNING old.status AS old_status";

    /** What applying an outcome did. */
    public enum Effect { IGNORED, APPLIED, CAMPAIGN_CHANGED }

    private final Pool db;
    private final CampaignRepository campaigns;

    public RecipientOutcomes(Pool db, CampaignRepository campaigns) {
        this.db = db;
        this.campaigns = campaigns;
    }

    public Uni<Effect> apply(DeliveryOutcome outcome) {
        RecipientStatus next = outcome.status().recipientStatus();
        boolean whateverTheAttempt = next.isTerminal() || next == RecipientStatus.PENDING;
        int attempt = outcome.attempt() == null ? 0 : outcome.attempt();
        return db.withTransaction(tx -> tx.preparedQuery(APPLY)
                .execute(Tuple.from(Arrays.asList(outcome.recipientId(), outcome.projectId(), outcome.campaignId(),
                        outcome.generation(), next.name(), attempt, outcome.smtpCode(), outcome.enhancedCode(),
                        outcome.smtpReply(), outcome.messageId(), whateverTheAttempt)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Effect.IGNORED);
                    }
                    RecipientStatus old = RecipientStatus.valueOf(rows.iterator().next().getString("old_status"));
                    return moveCounter(tx, outcome.campaignId(), old, next)
                            .chain(() -> campaignEffect(tx, outcome, next));
                }));
    }

    private Uni<Effect> campaignEffect(SqlClient tx, DeliveryOutcome outcome, RecipientStatus next) {
        if (outcome.status() == OutcomeStatus.SENDER_BLOCKED) {
            return blockSender(tx, outcome).replaceWith(Effect.CAMPAIGN_CHANGED);
        }
        if (!next.isTerminal()) {
            return Uni.createFrom().item(Effect.APPLIED);
        }
        return campaigns.completeIfDone(tx, outcome.campaignId())
                .map(completed -> completed ? Effect.CAMPAIGN_CHANGED : Effect.APPLIED);
    }

    private static Uni<Void> moveCounter(SqlClient tx, UUID campaignId, RecipientStatus from, RecipientStatus to) {
        if (from == to) {
            return Uni.createFrom().voidItem();
        }
        // column names come from the enum, never from input
        String sql = "UPDATE campaigns.recipient_counts SET " + from.countColumn() + " = " + from.countColumn()
                + " - 1, " + to.countColumn() + " = " + to.countColumn() + " + 1 WHERE campaign_id = $1";
        return tx.preparedQuery(sql).execute(Tuple.of(campaignId)).replaceWithVoid();
    }

    /** A policy rejection blocks the sender and pauses its sending campaigns until it is unblocked and resumed. */
    private static Uni<Void> blockSender(SqlClient tx, DeliveryOutcome outcome) {
        String reason = "sender blocked by a policy rejection: "
                + (outcome.smtpReply() != null ? outcome.smtpReply() : String.valueOf(outcome.enhancedCode()));
        return tx.preparedQuery("UPDATE campaigns.sender s SET blocked_reason = $3 FROM campaigns.campaign c "
                        + "WHERE c.id = $1 AND c.project_id = $2 AND s.id = c.sender_id")
                .execute(Tuple.of(outcome.campaignId(), outcome.projectId(), reason))
                .chain(() -> tx.preparedQuery("UPDATE campaigns.campaign SET state = 'PAUSED', state_reason = $3, "
                                + "updated_at = now() WHERE state = 'SENDING' AND project_id = $2 AND sender_id = "
                                + "(SELECT sender_id FROM campaigns.campaign WHERE id = $1)")
                        .execute(Tuple.of(outcome.campaignId(), outcome.projectId(), reason)))
                .replaceWithVoid();
    }
}
