package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a batch of outcomes does to one campaign, inside the batch's transaction: its counters move by the sum of
 * its recipients' transitions; a SENDER_BLOCKED blocks the sender and pauses its campaigns; a recipient that
 * finished restarts the stall clock (a STALLED campaign is SENDING again) and may complete the campaign.
 */
@ApplicationScoped
public class CampaignOutcomes {
    private static final String PROGRESS = "UPDATE campaigns.campaign c SET last_progress_at = now(), "
            + "state = CASE WHEN c.state = 'STALLED' THEN 'SENDING' ELSE c.state END, "
            + "state_reason = CASE WHEN c.state = 'STALLED' THEN NULL ELSE c.state_reason END "
            + "FROM (SELECT state FROM campaigns.campaign WHERE id = $1) old WHERE c.id = $1 "
            + "RETURNING old.state AS old_state";
    private static final List<RecipientStatus> COUNTED = List.of(RecipientStatus.values());
    // column names come from the enum, never from input
    private static final int REQUEUED_PARAM = COUNTED.size() + 2;
    private static final int DEFERRAL_PARAM = COUNTED.size() + 3;
    // counters by their deltas; the cursor cleared if recipients became PENDING; the latest DEFERRED reply kept
    private static final String COUNT = "UPDATE campaigns.recipient_counts k SET " + COUNTED.stream()
            .map(s -> s.countColumn() + " = k." + s.countColumn() + " + $" + (COUNTED.indexOf(s) + 2))
            .collect(Collectors.joining(", "))
            + ", publish_from = CASE WHEN $" + REQUEUED_PARAM + " THEN NULL ELSE k.publish_from END"
            + ", publish_epoch = k.publish_epoch + CASE WHEN $" + REQUEUED_PARAM + " THEN 1 ELSE 0 END"
            + ", deferred_at = CASE WHEN $" + DEFERRAL_PARAM + " THEN now() ELSE k.deferred_at END"
            + ", deferred_smtp_code = CASE WHEN $" + DEFERRAL_PARAM + " THEN $" + (DEFERRAL_PARAM + 1)
            + "::int ELSE k.deferred_smtp_code END"
            + ", deferred_enhanced_code = CASE WHEN $" + DEFERRAL_PARAM + " THEN $" + (DEFERRAL_PARAM + 2)
            + "::text ELSE k.deferred_enhanced_code END"
            + ", deferred_reply = CASE WHEN $" + DEFERRAL_PARAM + " THEN $" + (DEFERRAL_PARAM + 3)
            + "::text ELSE k.deferred_reply END"
            + " WHERE k.campaign_id = $1";

    /**
     * One campaign's share of a batch: counter deltas, whether someone finished or became PENDING again, the last
     * sender block and the last DEFERRED reply.
     */
    public static final class Changes {
        private final Map<RecipientStatus, Long> deltas = new EnumMap<>(RecipientStatus.class);
        private boolean finished;
        private boolean requeued;
        private DeliveryOutcome blocked;
        private DeliveryOutcome deferral;

        void add(DeliveryOutcome outcome, RecipientStatus from, RecipientStatus to) {
            if (from != to) {
                deltas.merge(from, -1L, Long::sum);
                deltas.merge(to, 1L, Long::sum);
            }
            finished |= to.isTerminal();
            requeued |= to == RecipientStatus.PENDING;
            if (outcome.status() == OutcomeStatus.SENDER_BLOCKED) {
                blocked = outcome;
            }
            if (to == RecipientStatus.DEFERRED) {
                deferral = outcome;
            }
        }
    }

    private final CampaignRepository campaigns;

    public CampaignOutcomes(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    /** Applies one campaign's changes; true when the campaign changed state. */
    Uni<Boolean> apply(SqlClient tx, UUID campaignId, Changes changes) {
        List<Object> values = new ArrayList<>();
        values.add(campaignId);
        COUNTED.forEach(status -> values.add(changes.deltas.getOrDefault(status, 0L)));
        values.add(changes.requeued);
        values.add(changes.deferral != null);
        values.add(changes.deferral == null ? null : changes.deferral.smtpCode());
        values.add(changes.deferral == null ? null : changes.deferral.enhancedCode());
        values.add(changes.deferral == null ? null : changes.deferral.smtpReply());
        return tx.preparedQuery(COUNT).execute(Tuple.from(values))
                .chain(() -> changes.blocked != null ? blockSender(tx, changes.blocked).replaceWith(true)
                        : Uni.createFrom().item(false))
                .chain(blocked -> !changes.finished ? Uni.createFrom().item(blocked)
                        : tx.preparedQuery(PROGRESS).execute(Tuple.of(campaignId))
                                .map(rows -> rows.iterator().hasNext()
                                        && "STALLED".equals(rows.iterator().next().getString("old_state")))
                                .chain(unstalled -> campaigns.completeIfDone(tx, campaignId)
                                        .map(completed -> blocked || unstalled || completed)));
    }

    /** A policy rejection blocks the sender and pauses its sending campaigns until it is unblocked and resumed. */
    private static Uni<Void> blockSender(SqlClient tx, DeliveryOutcome outcome) {
        String reason = "sender blocked by a policy rejection: "
                + (outcome.smtpReply() != null ? outcome.smtpReply() : String.valueOf(outcome.enhancedCode()));
        return tx.preparedQuery("UPDATE campaigns.sender s SET blocked_reason = $3 FROM campaigns.campaign c "
                        + "WHERE c.id = $1 AND c.project_id = $2 AND s.id = c.sender_id")
                .execute(Tuple.of(outcome.campaignId(), outcome.projectId(), reason))
                .chain(() -> tx.preparedQuery("UPDATE campaigns.campaign SET state = 'PAUSED', state_reason = $3, "
                                + "updated_at = now() WHERE state IN ('SENDING', 'STALLED') AND project_id = $2 "
                                + "AND sender_id = (SELECT sender_id FROM campaigns.campaign WHERE id = $1)")
                        .execute(Tuple.of(outcome.campaignId(), outcome.projectId(), reason)))
                .replaceWithVoid();
    }
}
