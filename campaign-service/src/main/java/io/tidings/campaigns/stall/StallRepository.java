package io.tidings.campaigns.stall;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Finds SENDING campaigns where recipients wait and none finished for too long, and marks them STALLED. */
@ApplicationScoped
public class StallRepository {
    /** A campaign that looks stalled: how many recipients wait. */
    public record Candidate(UUID id, long waiting) {
    }

    /** The latest DEFERRED reply of a campaign. */
    public record Deferral(Integer smtpCode, String enhancedCode, String smtpReply) {
    }

    private final Pool db;

    public StallRepository(Pool db) {
        this.db = db;
    }

    /**
     * SENDING (and already STALLED) campaigns with recipients waiting and no recipient finished for {@code after},
     * or for three of the sender's token intervals when that is longer (35 per hour waits about five minutes between
     * sends). A STALLED one is looked at again so that its reason follows what is known now.
     */
    public Uni<List<Candidate>> candidates(Duration after) {
        return db.preparedQuery("SELECT c.id, k.pending + k.queued + k.deferred AS waiting FROM campaigns.campaign c "
                        + "JOIN campaigns.recipient_counts k ON k.campaign_id = c.id "
                        + "JOIN campaigns.sender s ON s.id = c.sender_id "
                        + "WHERE c.state IN ('SENDING', 'STALLED') AND c.expansion_done AND k.pending + k.queued + k.deferred > 0 "
                        + "AND c.last_progress_at < now() - greatest($1 * interval '1 millisecond', 3 * s.rate_per::interval / s.rate_limit)")
                .execute(Tuple.of(interval(after)))
                .map(rows -> {
                    List<Candidate> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new Candidate(row.getUUID("id"), row.getLong("waiting"))));
                    return found;
                });
    }

    /** The latest DEFERRED reply of the campaign within this window, or null. */
    public Uni<Deferral> latestDeferral(UUID campaignId, Duration within) {
        // kept beside the counters by the outcomes (CampaignOutcomes)
        return db.preparedQuery("SELECT deferred_smtp_code AS smtp_code, deferred_enhanced_code AS enhanced_code, "
                        + "deferred_reply AS smtp_reply FROM campaigns.recipient_counts "
                        + "WHERE campaign_id = $1 AND deferred_at > now() - $2 * interval '1 millisecond'")
                .execute(Tuple.of(campaignId, interval(within)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Deferral(row.getInteger("smtp_code"), row.getString("enhanced_code"),
                            row.getString("smtp_reply"));
                });
    }

    /**
     * SENDING to STALLED with the reason, unless progress came meanwhile; a STALLED campaign gets the new reason if
     * it changed. True when this call made the campaign STALLED.
     */
    public Uni<Boolean> markStalled(UUID campaignId, String reason, Duration after) {
        return db.preparedQuery("UPDATE campaigns.campaign c SET state = 'STALLED', state_reason = $2, updated_at = now() "
                        + "FROM (SELECT state FROM campaigns.campaign WHERE id = $1) old WHERE c.id = $1 "
                        + "AND c.state IN ('SENDING', 'STALLED') AND c.state_reason IS DISTINCT FROM $2 "
                        + "AND c.last_progress_at < now() - $3 * interval '1 millisecond' RETURNING old.state")
                .execute(Tuple.of(campaignId, reason, interval(after)))
                .map(rows -> rows.iterator().hasNext() && "SENDING".equals(rows.iterator().next().getString("state")));
    }

    public Uni<Long> stalledCount() {
        return db.query("SELECT count(*) AS n FROM campaigns.campaign WHERE state = 'STALLED'").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Milliseconds, for {@code $n * interval '1 millisecond'} (the client will not encode text as an interval). */
    private static long interval(Duration duration) {
        return duration.toMillis();
    }
}
