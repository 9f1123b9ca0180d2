package io.tidings.contacts.segment;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.persistence.SqlConditions;
import io.tidings.contacts.persistence.TimeOrderedIds;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes {@code contacts.segment}, and evaluates a segment's filter over the project's contacts. */
@ApplicationScoped
public class SegmentRepository {
    private static final String COLUMNS = "id, name, filter, created_at";

    private final Pool pool;

    public SegmentRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Segment> insert(UUID projectId, String name, SegmentFilter filter) {
        return pool.preparedQuery("INSERT INTO contacts.segment (id, project_id, name, filter)"
                        + " VALUES ($1, $2, $3, $4::jsonb) RETURNING " + COLUMNS)
                .execute(Tuple.of(TimeOrderedIds.next(), projectId, name, filter.toJson()))
                .map(rows -> from(rows.iterator().next()));
    }

    public Uni<Segment> find(UUID projectId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contacts.segment WHERE project_id = $1 AND id = $2")
                .execute(Tuple.of(projectId, id))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    public Uni<List<Segment>> list(UUID projectId, PageRequest<UUID> page) {
        SqlConditions where = new SqlConditions().add("project_id = ?", projectId);
        if (page.after() != null) {
            where.add("id > ?", page.after());
        }
        String sql = "SELECT " + COLUMNS + " FROM contacts.segment" + where.where()
                + " ORDER BY id LIMIT " + where.param(page.limit());
        return pool.preparedQuery(sql).execute(where.tuple()).map(rows -> {
            List<Segment> segments = new ArrayList<>(rows.size());
            rows.forEach(row -> segments.add(from(row)));
            return segments;
        });
    }

    public Uni<Long> countMembers(UUID projectId, SegmentFilter filter) {
        SqlConditions where = filter.appendTo(new SqlConditions().add("project_id = ?", projectId));
        return pool.preparedQuery("SELECT count(*) FROM contacts.contact" + where.where())
                .execute(where.tuple())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** One keyset page of members, ordered by contact id: an index range scan, never the whole segment. */
    public Uni<List<SegmentMember>> members(UUID projectId, SegmentFilter filter, PageRequest<UUID> page) {
        SqlConditions where = new SqlConditions().add("project_id = ?", projectId);
        if (page.after() != null) {
            where.add("id > ?", page.after());
        }
        filter.appendTo(where);
        String sql = "SELECT id, email, normalized_email, first_name, last_name, fields FROM contacts.contact"
                + where.where() + " ORDER BY id LIMIT " + where.param(page.limit());
        return pool.preparedQuery(sql).execute(where.tuple()).map(rows -> {
            List<SegmentMember> members = new ArrayList<>(rows.size());
            for (Row row : rows) {
                JsonObject fields = (JsonObject) row.getValue("fields");
                members.add(new SegmentMember(row.getUUID("id"), row.getString("email"),
                        row.getString("normalized_email"), row.getString("first_name"), row.getString("last_name"),
                        fields == null ? Map.of() : fields.getMap()));
            }
            return members;
        });
    }

    private static Segment from(Row row) {
        return new Segment(row.getUUID("id"), row.getString("name"),
                SegmentFilter.fromJson((JsonObject) row.getValue("filter")), null,
                row.getOffsetDateTime("created_at").toInstant());
    }
}
