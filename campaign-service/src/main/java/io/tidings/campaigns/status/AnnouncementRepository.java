package io.tidings.campaigns.status;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which campaigns have a state change not yet announced, and which are active enough for progress snapshots. */
@ApplicationScoped
public class AnnouncementRepository {
    private final Pool db;

    public AnnouncementRepository(Pool db) {
        this.db = db;
    }

    /** A recorded state change (table campaigns.state_change, written by a trigger). */
    public record StateChange(long id, CampaignState state, String reason) {
    }

    public Uni<List<UUID>> unannounced() {
        return db.query("SELECT id FROM campaigns.campaign WHERE state <> announced_state "
                        + "UNION SELECT campaign_id FROM campaigns.state_change ORDER BY 1").execute()
                .map(AnnouncementRepository::ids);
    }

    /** The campaign's state changes not yet announced, oldest first. */
    public Uni<List<StateChange>> changes(UUID campaignId) {
        return db.preparedQuery("SELECT id, state, reason FROM campaigns.state_change WHERE campaign_id = $1 ORDER BY id")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    List<StateChange> changes = new ArrayList<>();
                    rows.forEach(row -> changes.add(new StateChange(row.getLong("id"),
                            CampaignState.valueOf(row.getString("state")), row.getString("reason"))));
                    return changes;
                });
    }

    /** Forgets the announced changes, up to this one. */
    public Uni<Void> forget(UUID campaignId, long upTo) {
        return db.preparedQuery("DELETE FROM campaigns.state_change WHERE campaign_id = $1 AND id <= $2")
                .execute(Tuple.of(campaignId, upTo)).replaceWithVoid();
    }

    public Uni<List<UUID>> active() {
        return db.query("SELECT id FROM campaigns.campaign WHERE state IN ('EXPANDING', 'SENDING', 'STALLED') ORDER BY id")
                .execute().map(AnnouncementRepository::ids);
    }

    /** Records that this state was announced, unless the campaign moved on meanwhile (then it is announced next). */
    public Uni<Void> markAnnounced(UUID campaignId, CampaignState state) {
        return db.preparedQuery("UPDATE campaigns.campaign SET announced_state = $2 WHERE id = $1 AND state = $2")
                .execute(Tuple.of(campaignId, state.name())).replaceWithVoid();
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }
}
