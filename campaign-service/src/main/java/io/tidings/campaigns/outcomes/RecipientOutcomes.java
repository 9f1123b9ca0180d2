package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a batch of delivery outcomes in one transaction, by the state machine of ARCHITECTURE.md: outcomes of
 * another generation are ignored, terminal states never move, a non-terminal outcome older than the recipient's
 * attempt is ignored. Each recipient's conditional UPDATE returns its old and new status, so duplicates and
 * replays change nothing; the counters then move once per campaign by the sum of the batch's transitions, in the
 * same transaction, so they stay exact whether the batch commits or is retried whole.
 */
@ApplicationScoped
public class RecipientOutcomes {
    // back to PENDING in a cancelled campaign means CANCELLED: nothing would ever send it
    private static final String APPLY = "UPDATE campaigns.mailing_recipient r SET status = CASE WHEN $5 = 'PENDING' "
            + "AND (SELECT state FROM campaigns.campaign WHERE id = $3) = 'CANCELLED' THEN 'CANCELLED' ELSE $5 END, "
            + "attempt = $6, smtp_code = $7, enhanced_code = $8, smtp_reply = $9, "
            + "message_id = COALESCE($10, r.message_id), generation_spent = $12, updated_at = now() "
            + "FROM (SELECT id, status FROM campaigns.mailing_recipient WHERE id = $1 AND project_id = $2 "
            + "AND campaign_id = $3 FOR UPDATE) old "
            + "WHERE r.id = old.id AND r.generation = $4 AND r.status NOT IN " + RecipientStatus.TERMINAL_SQL
            + " AND ($11 OR r.attempt <= $6) RETURNING old.status AS old_status, r.status AS new_status";

    private final Pool db;
    private final CampaignOutcomes campaignOutcomes;

    public RecipientOutcomes(Pool db, CampaignOutcomes campaignOutcomes) {
        this.db = db;
        this.campaignOutcomes = campaignOutcomes;
    }

    /** Applies the outcomes in order in one transaction; true when a campaign changed state (to be announced). */
    public Uni<Boolean> apply(List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        UUID[] campaignIds = outcomes.stream().map(DeliveryOutcome::campaignId).distinct().toArray(UUID[]::new);
        return db.withTransaction(tx -> {
            Map<UUID, CampaignOutcomes.Changes> byCampaign = new LinkedHashMap<>();
            // campaign rows first, in id order, as every state change locks them: no deadlock with pause or cancel
            return tx.preparedQuery("SELECT id FROM campaigns.campaign WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                    .execute(Tuple.of(campaignIds))
                    .chain(() -> Multi.createFrom().iterable(outcomes)
                    .onItem().transformToUniAndConcatenate(outcome -> transition(tx, outcome).invoke(moved -> {
                        if (moved != null) {
                            byCampaign.computeIfAbsent(outcome.campaignId(), id -> new CampaignOutcomes.Changes())
                                    .add(outcome, moved[0], moved[1]);
                        }
                    }))
                    .collect().last())
                    .chain(() -> Multi.createFrom().iterable(new ArrayList<>(byCampaign.entrySet()))
                            .onItem().transformToUniAndConcatenate(entry ->
                                    campaignOutcomes.apply(tx, entry.getKey(), entry.getValue()))
                            .collect().asList())
                    .map(changed -> changed.contains(true));
        });
    }

    /** The recipient's old and new status, or null when the outcome changes nothing. */
    private static Uni<RecipientStatus[]> transition(SqlClient tx, DeliveryOutcome outcome) {
        RecipientStatus next = outcome.status().recipientStatus();
        boolean whateverTheAttempt = next.isTerminal() || next == RecipientStatus.PENDING;
        int attempt = outcome.attempt() == null ? 0 : outcome.attempt();
        return tx.preparedQuery(APPLY)
                .execute(Tuple.from(Arrays.asList(outcome.recipientId(), outcome.projectId(), outcome.campaignId(),
                        outcome.generation(), next.name(), attempt, outcome.smtpCode(), outcome.enhancedCode(),
                        outcome.smtpReply(), outcome.messageId(), whateverTheAttempt,
                        outcome.status() == OutcomeStatus.SENDER_BLOCKED)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new RecipientStatus[] {RecipientStatus.valueOf(row.getString("old_status")),
                            RecipientStatus.valueOf(row.getString("new_status"))};
                });
    }
}
