package io.tidings.campaigns.expansion;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.contacts.SegmentMember;
import io.tidings.campaigns.lease.CampaignLease;
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
    /** What {@link #storePage} answers when another instance holds the campaign's lease (nothing was stored). */
    public static final long LEASE_LOST = -2;

    private final Pool db;
    private final CampaignLease lease;

    public ExpansionStore(Pool db, CampaignLease lease) {
        this.db = db;
        this.lease = lease;
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
     * Inserts the members not yet recipients (by contact and by normalised address) and moves the cursor, in one
     * transaction. The campaign row is locked after the INSERT (so the lock is held briefly and a cancel or an
     * outcome batch hardly waits), by the lease's renewal (an UPDATE, so FOR NO KEY UPDATE: the publisher's marks do
     * not wait for it either), and before the counters move: an instance that lost the campaign's lease to another
     * stores nothing (answer {@link #LEASE_LOST}), and neither does a campaign cancelled meanwhile ({@link
     * #CANCELLED}; the cursor's UPDATE answers the state). A cancel that committed first finds none of these rows;
     * one that waits for this page ends them too.
     */
    public Uni<Long> storePage(ExpansionJob job, List<SegmentMember> members, String cursor) {
        return db.withTransaction(tx -> insert(tx, job, members)
                        .chain(stored -> lease.acquire(tx, job.campaignId()).chain(held -> held
                                ? recordPage(tx, job, stored, cursor)
                                : Uni.createFrom().failure(new Abandoned(LEASE_LOST)))))
                .onFailure(Abandoned.class).recoverWithItem(failure -> ((Abandoned) failure).answer);
    }

    /** Rolls a page's transaction back, answering why. */
    private static final class Abandoned extends RuntimeException {
        private final long answer;

        Abandoned(long answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /** What a page's INSERT stored: how many rows, and the lowest and highest id it tried (null for none). */
    private record StoredPage(long inserted, UUID first, UUID last) {
    }

    /**
     * Moves the cursor and the counters. The publisher's cursor (see {@code PendingRecipients}) assumes new rows
     * come above every stored one, as this process's ids do; a page that does not (ids made by another instance
     * whose clock is behind) clears the cursor, so the publisher looks at the whole campaign again.
     */
    private static Uni<Long> recordPage(SqlClient tx, ExpansionJob job, StoredPage page, String cursor) {
        return tx.preparedQuery("UPDATE campaigns.campaign SET expansion_cursor = $2, "
                        + "expanded_count = expanded_count + $3, updated_at = now() WHERE id = $1 RETURNING state")
                .execute(Tuple.of(job.campaignId(), cursor, page.inserted()))
                .chain(rows -> CampaignState.CANCELLED.name().equals(rows.iterator().next().getString("state"))
                        ? Uni.createFrom().failure(new Abandoned(CANCELLED))
                        : tx.preparedQuery("UPDATE campaigns.recipient_counts SET total = total + $2, "
                                        + "pending = pending + $2, "
                                        + "publish_epoch = publish_epoch + CASE WHEN $3 <= max_id THEN 1 ELSE 0 END, "
                                        + "publish_from = CASE WHEN $3 <= max_id THEN NULL ELSE publish_from END, "
                                        + "max_id = greatest(max_id, $4) WHERE campaign_id = $1")
                                .execute(Tuple.of(job.campaignId(), page.inserted(), page.first(), page.last())))
                .replaceWith(page.inserted());
    }

    private static Uni<StoredPage> insert(SqlClient tx, ExpansionJob job, List<SegmentMember> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(new StoredPage(0, null, null));
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
                .map(rows -> new StoredPage(rows.rowCount(), ids[0], ids[n - 1]));
    }
}
