package io.tidings.contacts.contact;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.address.EmailAddress;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.persistence.SqlConditions;
import io.tidings.contacts.persistence.TimeOrderedIds;
import io.tidings.contacts.suppression.SuppressionOutbox;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes {@code contacts.contact}, every statement scoped by the project. */
@ApplicationScoped
public class ContactRepository {
    static final String COLUMNS =
            "id, email, normalized_email, first_name, last_name, fields, tags, status, created_at, updated_at";

    private final Pool pool;

    public ContactRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts a contact; null when the project already has this normalised address. */
    public Uni<Contact> insert(UUID projectId, EmailAddress address, NewContact contact, List<String> tags,
            JsonObject fields) {
        ContactStatus status = contact.status() == null ? ContactStatus.SUBSCRIBED : contact.status();
        Tuple params = Tuple.tuple()
                .addUUID(TimeOrderedIds.next()).addUUID(projectId)
                .addString(address.entered()).addString(address.normalized())
                .addString(contact.firstName()).addString(contact.lastName())
                .addJsonObject(fields).addArrayOfString(tags.toArray(String[]::new))
                .addString(status.name());
        return pool.preparedQuery("WITH inserted AS (INSERT INTO contacts.contact"
                        + " (id, project_id, email, normalized_email, first_name, last_name, fields, tags, status)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, contacts.tag_set($8::text[]), $9)"
                        + " ON CONFLICT (project_id, normalized_email) DO NOTHING"
                        + " RETURNING *, 'SUBSCRIBED'::text AS previous_status), "
                        + SuppressionOutbox.announceChanges("inserted")
                        + " SELECT " + COLUMNS + " FROM inserted")
                .execute(params)
                .map(ContactRepository::single);
    }

    public Uni<Contact> find(UUID projectId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contacts.contact WHERE project_id = $1 AND id = $2")
                .execute(Tuple.of(projectId, id))
                .map(ContactRepository::single);
    }

    public Uni<List<Contact>> list(UUID projectId, String tag, List<ContactStatus> statuses, PageRequest<UUID> page) {
        SqlConditions where = new SqlConditions().add("project_id = ?", projectId);
        if (page.after() != null) {
            where.add("id > ?", page.after());
        }
        if (tag != null) {
            where.add("tags @> ARRAY[?::text]", tag);
        }
        if (!statuses.isEmpty()) {
            where.add("status = ANY(?::text[])", (Object) statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        String sql = "SELECT " + COLUMNS + " FROM contacts.contact" + where.where()
                + " ORDER BY id LIMIT " + where.param(page.limit());
        return pool.preparedQuery(sql).execute(where.tuple()).map(ContactRepository::all);
    }

    /** Applies a patch in one statement; null when the contact does not exist in the project. */
    public Uni<Contact> update(UUID projectId, UUID id, ContactChanges changes, JsonObject fieldsPatch) {
        Tuple params = Tuple.tuple().addUUID(projectId).addUUID(id)
                .addBoolean(changes.clearFirstName()).addString(changes.firstName())
                .addBoolean(changes.clearLastName()).addString(changes.lastName())
                .addJsonObject(fieldsPatch)
                .addArrayOfString(changes.tags() == null ? null : changes.tags().toArray(String[]::new))
                .addString(changes.status() == null ? null : changes.status().name());
        return pool.preparedQuery("WITH previous AS (SELECT id, status FROM contacts.contact"
                        + " WHERE project_id = $1 AND id = $2 FOR UPDATE),"
                        + " changed AS (UPDATE contacts.contact c SET"
                        + " first_name = CASE WHEN $3 THEN NULL ELSE coalesce($4, c.first_name) END,"
                        + " last_name = CASE WHEN $5 THEN NULL ELSE coalesce($6, c.last_name) END,"
                        + " fields = CASE WHEN $7::jsonb IS NULL THEN c.fields ELSE jsonb_strip_nulls(c.fields || $7::jsonb) END,"
                        + " tags = CASE WHEN $8::text[] IS NULL THEN c.tags ELSE contacts.tag_set($8::text[]) END,"
                        + " status = coalesce($9, c.status),"
                        + " status_changed_at = CASE WHEN coalesce($9, c.status) = c.status THEN c.status_changed_at ELSE now() END,"
                        + " updated_at = now()"
                        + " FROM previous p WHERE c.id = p.id RETURNING c.*, p.status AS previous_status), "
                        + SuppressionOutbox.announceChanges("changed")
                        + " SELECT " + COLUMNS + " FROM changed")
                .execute(params)
                .map(ContactRepository::single);
    }

    /** Erases the contact for good and writes a tombstone for its address to the suppression outbox. */
    public Uni<Boolean> delete(UUID projectId, UUID id) {
        return pool.preparedQuery("WITH erased AS (DELETE FROM contacts.contact WHERE project_id = $1 AND id = $2"
                        + " RETURNING id, project_id, normalized_email), "
                        + SuppressionOutbox.announceErasures("erased")
                        + " SELECT id FROM erased")
                .execute(Tuple.of(projectId, id))
                .map(rows -> rows.size() > 0);
    }

    static Contact single(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? from(iterator.next()) : null;
    }

    static List<Contact> all(RowSet<Row> rows) {
        List<Contact> contacts = new ArrayList<>(rows.size());
        rows.forEach(row -> contacts.add(from(row)));
        return contacts;
    }

    static Contact from(Row row) {
        JsonObject fields = (JsonObject) row.getValue("fields");
        return new Contact(
                row.getUUID("id"),
                row.getString("email"),
                row.getString("normalized_email"),
                row.getString("first_name"),
                row.getString("last_name"),
                fields == null ? Map.of() : fields.getMap(),
                Arrays.asList(row.getArrayOfStrings("tags")),
                ContactStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
