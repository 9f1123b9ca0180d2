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

    public Uni<List<UUID>> unannounced() {
        return db.query("SELECT id FROM campaigns.campaign WHERE state <> announced_state ORDER BY id").execute()
                .map(AnnouncementRepository::ids);
    }

    public Uni<List<UUID>> active() {
        return db.query("SELECT id FROM campaigns.campaign WHERE state IN ('EXPANDING', 'SENDING') ORDER BY id")
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
