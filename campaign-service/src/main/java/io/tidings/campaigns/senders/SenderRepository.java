package io.tidings.campaigns.senders;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Stores and reads senders, always within one project. */
@ApplicationScoped
public class SenderRepository {
    static final String COLUMNS =
            "s.id, s.name, s.from_email, s.from_name, s.reply_to, s.rate_limit, s.rate_per, s.rate_burst, "
                    + "s.blocked_reason, s.created_at";

    private final Pool db;

    public SenderRepository(Pool db) {
        this.db = db;
    }

    public Uni<Sender> insert(UUID projectId, Sender sender) {
        return db.preparedQuery("INSERT INTO campaigns.sender (id, project_id, name, from_email, from_name, reply_to, "
                        + "rate_limit, rate_per, rate_burst, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(Arrays.asList(sender.id(), projectId, sender.name(), sender.fromEmail(),
                        sender.fromName(), sender.replyTo(), sender.rate().limit(),
                        sender.rate().per(), sender.rate().burst(), sender.createdAt().atOffset(ZoneOffset.UTC))))
                .replaceWith(sender);
    }

    public Uni<Sender> find(UUID projectId, UUID id) {
        return find(db, projectId, id);
    }

    /** Finds a sender with the given client, e.g. inside a transaction. */
    public Uni<Sender> find(SqlClient client, UUID projectId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM campaigns.sender s WHERE s.project_id = $1 AND s.id = $2")
                .execute(Tuple.of(projectId, id))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<List<Sender>> list(UUID projectId, PageRequest page) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM campaigns.sender s WHERE s.project_id = $1 "
                        + "AND ($2::uuid IS NULL OR s.id > $2) ORDER BY s.id LIMIT $3")
                .execute(Tuple.of(projectId, page.after(), page.fetchSize()))
                .map(SenderRepository::readAll);
    }

    /** Lifts a policy block; the sender, or null when the project has no such sender. */
    public Uni<Sender> unblock(UUID projectId, UUID id) {
        return db.preparedQuery("UPDATE campaigns.sender s SET blocked_reason = NULL WHERE s.project_id = $1 "
                        + "AND s.id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(projectId, id))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    static Sender read(Row row) {
        return new Sender(row.getUUID("id"), row.getString("name"), row.getString("from_email"),
                row.getString("from_name"), row.getString("reply_to"),
                new Rate(row.getInteger("rate_limit"), row.getString("rate_per"), row.getInteger("rate_burst")),
                row.getString("blocked_reason"), row.getOffsetDateTime("created_at").toInstant());
    }

    private static List<Sender> readAll(RowSet<Row> rows) {
        List<Sender> senders = new ArrayList<>();
        rows.forEach(row -> senders.add(read(row)));
        return senders;
    }
}
