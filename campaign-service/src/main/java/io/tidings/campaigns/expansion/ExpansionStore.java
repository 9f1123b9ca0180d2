package io.tidings.campaigns.expansion;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.contacts.SegmentMember;
import io.tidings.campaigns.paging.TimeOrderedIds;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * Stores one page of segment members as PENDING recipients and the expansion cursor in one transaction, so an
 * expansion that dies anywhere resumes from the last stored page and every member ends up exactly once.
 */
@ApplicationScoped
public class ExpansionStore {
    private static final String INSERT = "INSERT INTO campaigns.mailing_recipient (id, project_id, campaign_id, "
            + "contact_id, email, normalized_email, first_name, last_name, fields) "
            + "SELECT m.id, $1, $2, m.contact_id, m.email, m.normalized_email, m.first_name, m.last_name, m.fields::jsonb "
            + "FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) "
            + "AS m(id, contact_id, email, normalized_email, first_name, last_name, fields) "
            + "ON CONFLICT DO NOTHING";

    /** What {@link #storePage} answers for a campaign cancelled meanwhile. */
    public static final long CANCELLED = -1;

    private final Pool db;

    public ExpansionStore(Pool db) {
        this.db = db;
    }

    public Uni<ExpansionJob> job(UUID campaignId) {
        return db.preparedQuery("SELECT id, project_id, segment_id, state, expansion_cursor, expansion_done "
                        + "FROM campaigns.campaign "
                        + "WHERE id = $1")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ExpansionJob(row.getUUID("id"), row.getUUID("project_id"), row.getUUID("segment_id"),
                            CampaignState.valueOf(row.getString("state")),
                            row.getString("expansion_cursor"), row.getBoolean("expansion_done"));
                });
    }

    /**
     * Inserts the members not yet recipients (by contact and by normalised address) and moves the cursor; the
     * campaign row is locked first, so a cancel waits for the page and then ends its recipients too. A campaign
     * cancelled meanwhile stores nothing: the answer is then {@link #CANCELLED}.
     */
    public Uni<Long> storePage(ExpansionJob job, List<SegmentMember> members, String cursor) {
        return db.withTransaction(tx -> tx.preparedQuery("SELECT state FROM campaigns.campaign WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(job.campaignId()))
                .chain(rows -> CampaignState.CANCELLED.name().equals(rows.iterator().next().getString("state"))
                        ? Uni.createFrom().item(CANCELLED)
                        : insertPage(tx, job, members, cursor)));
    }

    private static Uni<Long> insertPage(SqlClient tx, ExpansionJob job, List<SegmentMember> members, String cursor) {
        return insert(tx, job, members).chain(inserted -> tx.preparedQuery(
                        "UPDATE campaigns.recipient_counts SET total = total + $2, pending = pending + $2 "
                                + "WHERE campaign_id = $1")
                .execute(Tuple.of(job.campaignId(), inserted))
                .chain(() -> tx.preparedQuery("UPDATE campaigns.campaign SET expansion_cursor = $2, "
                                + "expanded_count = expanded_count + $3, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(job.campaignId(), cursor, inserted)))
                .replaceWith(inserted));
    }

    private static Uni<Long> insert(SqlClient tx, ExpansionJob job, List<SegmentMember> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        int n = members.size();
        UUID[] ids = new UUID[n];
        UUID[] contacts = new UUID[n];
        String[] emails = new String[n];
        String[] normalized = new String[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] fields = new String[n];
        for (int i = 0; i < n; i++) {
            SegmentMember member = members.get(i);
            ids[i] = TimeOrderedIds.next();
            contacts[i] = member.contactId();
            emails[i] = member.email();
            normalized[i] = member.normalizedEmail();
            firstNames[i] = member.firstName();
            lastNames[i] = member.lastName();
            fields[i] = member.fields() == null ? "{}" : new JsonObject(new HashMap<String, Object>(member.fields())).encode();
        }
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(job.projectId(), job.campaignId(), ids, contacts, emails, normalized,
                        firstNames, lastNames, fields)))
                .map(rows -> (long) rows.rowCount());
    }
}
