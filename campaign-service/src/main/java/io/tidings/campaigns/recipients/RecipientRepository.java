package io.tidings.campaigns.recipients;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Lists a campaign's recipients in id order, optionally only those in some statuses. */
@ApplicationScoped
public class RecipientRepository {
    private final Pool db;

    public RecipientRepository(Pool db) {
        this.db = db;
    }

    /** @param statuses the statuses to keep; empty keeps all */
    public Uni<List<Recipient>> list(UUID projectId, UUID campaignId, Set<RecipientStatus> statuses, PageRequest page) {
        return rows(projectId, campaignId, statuses, page.after(), page.fetchSize());
    }

    /** At most {@code count} recipients after the given id (null: from the first), in id order. */
    public Uni<List<Recipient>> rows(UUID projectId, UUID campaignId, Set<RecipientStatus> statuses, UUID after,
            int count) {
        String[] wanted = statuses.isEmpty() ? null : statuses.stream().map(Enum::name).toArray(String[]::new);
        return db.preparedQuery("SELECT id, contact_id, email, first_name, last_name, status, generation, attempt, "
                        + "smtp_code, enhanced_code, smtp_reply, message_id, updated_at FROM campaigns.mailing_recipient "
                        + "WHERE campaign_id = $1 AND project_id = $2 AND ($3::text[] IS NULL OR status = ANY($3)) "
                        + "AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT $5")
                .execute(Tuple.from(Arrays.asList(campaignId, projectId, wanted, after, count)))
                .map(rows -> {
                    List<Recipient> recipients = new ArrayList<>();
                    rows.forEach(row -> recipients.add(read(row)));
                    return recipients;
                });
    }

    private static Recipient read(Row row) {
        return new Recipient(row.getUUID("id"), row.getUUID("contact_id"), row.getString("email"),
                row.getString("first_name"), row.getString("last_name"),
                RecipientStatus.valueOf(row.getString("status")), row.getInteger("generation"),
                row.getInteger("attempt"), row.getInteger("smtp_code"), row.getString("enhanced_code"),
                row.getString("smtp_reply"), row.getString("message_id"),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
