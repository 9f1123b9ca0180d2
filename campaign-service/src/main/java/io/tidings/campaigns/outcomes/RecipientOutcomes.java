package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.db.PlanSettings;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of delivery outcomes in one transaction, by the state machine of ARCHITECTURE.md: outcomes of
 * another generation are ignored, terminal states never move, a non-terminal outcome older than the recipient's
 * attempt is ignored. The batch costs a few set-based statements whatever its size: the recipients it names are
 * read and locked in one statement, the outcomes are applied to them in batch order here (so a recipient named
 * twice in one batch ends as applying its outcomes one by one would leave it), and the rows that moved are written
 * back in one UPDATE from arrays, guarded by the status and generation they were read with. The counters then move
 * once per campaign by the sum of the batch's transitions, in the same transaction, so they stay exact whether the
 * batch commits or is retried whole, and duplicates and replays change nothing.
 */
@ApplicationScoped
public class RecipientOutcomes {
    // campaign rows first, in id order, as every state change locks them: no deadlock with pause or cancel
    static final String LOCK_CAMPAIGNS = "SELECT id, state FROM campaigns.campaign WHERE id = ANY($1) "
            + "ORDER BY id FOR UPDATE";
    static final String READ = "SELECT id, project_id, campaign_id, status, generation, attempt "
            + "FROM campaigns.mailing_recipient WHERE id = ANY($1) ORDER BY id FOR UPDATE";
    static final String WRITE = "UPDATE campaigns.mailing_recipient r SET status = o.status, "
            + "attempt = o.attempt, smtp_code = o.smtp_code, enhanced_code = o.enhanced_code, "
            + "smtp_reply = o.smtp_reply, message_id = COALESCE(o.message_id, r.message_id), "
            + "generation_spent = o.spent, updated_at = now() "
            + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int4[], $5::int4[], $6::int4[], $7::text[], "
            + "$8::text[], $9::text[], $10::bool[]) "
            + "AS o(id, old_status, status, generation, attempt, smtp_code, enhanced_code, smtp_reply, message_id, spent) "
            + "WHERE r.id = o.id AND r.status = o.old_status AND r.generation = o.generation";

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
        UUID[] recipientIds = outcomes.stream().map(DeliveryOutcome::recipientId).distinct().toArray(UUID[]::new);
        // looked up by key, whatever plan the connection cached when the recipients table was small (OutcomePlansTest)
        return db.withTransaction(tx -> tx.query(PlanSettings.LOOKUPS_ONLY).execute()
                .chain(() -> tx.preparedQuery(LOCK_CAMPAIGNS).execute(Tuple.of(campaignIds)))
                .chain(campaigns -> tx.preparedQuery(READ).execute(Tuple.of(recipientIds))
                        .map(recipients -> new Batch(cancelled(campaigns), recipients).applyAll(outcomes)))
                .chain(batch -> write(tx, batch.moved()).replaceWith(batch))
                .chain(batch -> Multi.createFrom().iterable(new ArrayList<>(batch.byCampaign.entrySet()))
                        .onItem().transformToUniAndConcatenate(entry ->
                                campaignOutcomes.apply(tx, entry.getKey(), entry.getValue()))
                        .collect().asList())
                .map(changed -> changed.contains(true)));
    }

    private static Set<UUID> cancelled(RowSet<Row> campaigns) {
        Set<UUID> cancelled = new HashSet<>();
        campaigns.forEach(row -> {
            if ("CANCELLED".equals(row.getString("state"))) {
                cancelled.add(row.getUUID("id"));
            }
        });
        return cancelled;
    }

    /** Writes the recipients that moved in one statement; fails (and the batch is retried) if any row changed since it was read. */
    private static Uni<Void> write(SqlClient tx, List<Recipient> moved) {
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = moved.size();
        UUID[] ids = new UUID[n];
        String[] oldStatuses = new String[n];
        String[] statuses = new String[n];
        Integer[] generations = new Integer[n];
        Integer[] attempts = new Integer[n];
        Integer[] smtpCodes = new Integer[n];
        String[] enhancedCodes = new String[n];
        String[] smtpReplies = new String[n];
        String[] messageIds = new String[n];
        Boolean[] spent = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Recipient r = moved.get(i);
            ids[i] = r.id;
            oldStatuses[i] = r.readStatus.name();
            statuses[i] = r.status.name();
            generations[i] = r.generation;
            attempts[i] = r.attempt;
            smtpCodes[i] = r.smtpCode;
            enhancedCodes[i] = r.enhancedCode;
            smtpReplies[i] = r.smtpReply;
            messageIds[i] = r.messageId;
            spent[i] = r.spent;
        }
        return tx.preparedQuery(WRITE)
                .execute(Tuple.from(new Object[] {ids, oldStatuses, statuses, generations, attempts, smtpCodes,
                        enhancedCodes, smtpReplies, messageIds, spent}))
                .invoke(rows -> {
                    if (rows.rowCount() != n) {
                        throw new IllegalStateException("recipients changed while their outcomes were applied: "
                                + rows.rowCount() + " of " + n + " written");
                    }
                })
                .replaceWithVoid();
    }

    /** One recipient as read (locked) and as the batch's outcomes leave it. */
    private static final class Recipient {
        final UUID id;
        final UUID projectId;
        final UUID campaignId;
        final int generation;
        final RecipientStatus readStatus;
        RecipientStatus status;
        int attempt;
        Integer smtpCode;
        String enhancedCode;
        String smtpReply;
        /** The latest message id an applied outcome carried; null keeps the stored one. */
        String messageId;
        boolean spent;
        boolean moved;

        Recipient(Row row) {
            id = row.getUUID("id");
            projectId = row.getUUID("project_id");
            campaignId = row.getUUID("campaign_id");
            generation = row.getInteger("generation");
            readStatus = RecipientStatus.valueOf(row.getString("status"));
            status = readStatus;
            attempt = row.getInteger("attempt");
        }
    }

    /** The outcomes of one batch applied, in order, to the recipients they name. */
    private static final class Batch {
        final Set<UUID> cancelledCampaigns;
        final Map<UUID, Recipient> recipients = new LinkedHashMap<>();
        final Map<UUID, CampaignOutcomes.Changes> byCampaign = new LinkedHashMap<>();

        Batch(Set<UUID> cancelledCampaigns, RowSet<Row> rows) {
            this.cancelledCampaigns = cancelledCampaigns;
            rows.forEach(row -> {
                Recipient recipient = new Recipient(row);
                recipients.put(recipient.id, recipient);
            });
        }

        Batch applyAll(List<DeliveryOutcome> outcomes) {
            outcomes.forEach(this::apply);
            return this;
        }

        /** One outcome, by the rules the single-row UPDATE used to state in SQL. */
        private void apply(DeliveryOutcome outcome) {
            Recipient r = recipients.get(outcome.recipientId());
            if (r == null || !r.projectId.equals(outcome.projectId()) || !r.campaignId.equals(outcome.campaignId())
                    || r.generation != outcome.generation() || r.status.isTerminal()) {
                return;
            }
            RecipientStatus next = outcome.status().recipientStatus();
            boolean whateverTheAttempt = next.isTerminal() || next == RecipientStatus.PENDING;
            int attempt = outcome.attempt() == null ? 0 : outcome.attempt();
            if (!whateverTheAttempt && r.attempt > attempt) {
                return;
            }
            // back to PENDING in a cancelled campaign means CANCELLED: nothing would ever send it
            RecipientStatus to = next == RecipientStatus.PENDING && cancelledCampaigns.contains(r.campaignId)
                    ? RecipientStatus.CANCELLED : next;
            byCampaign.computeIfAbsent(r.campaignId, id -> new CampaignOutcomes.Changes()).add(outcome, r.status, to);
            r.status = to;
            r.attempt = attempt;
            r.smtpCode = outcome.smtpCode();
            r.enhancedCode = outcome.enhancedCode();
            r.smtpReply = outcome.smtpReply();
            if (outcome.messageId() != null) {
                r.messageId = outcome.messageId();
            }
            r.spent = outcome.status() == OutcomeStatus.SENDER_BLOCKED;
            r.moved = true;
        }

        List<Recipient> moved() {
            return recipients.values().stream().filter(r -> r.moved).toList();
        }
    }
}
