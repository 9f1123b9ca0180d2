package io.tidings.contacts.importing;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.importing.rows.ImportBatch;
import io.tidings.contacts.importing.rows.ImportRow;
import io.tidings.contacts.importing.rows.RejectedRow;
import io.tidings.contacts.persistence.TimeOrderedIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one batch in one transaction: a multi-row upsert (or create-only insert) of its contacts (rolled back to a savepoint in a dry
 * run), its rejected and repaired rows, and the job's counters, so the counts always match what is stored.
 */
@ApplicationScoped
public class ImportBatchWriter {
    /** The new contacts of a batch, as rows of parallel arrays; a conflict clause completes it. */
    private static final String INSERT = """
            INSERT INTO contacts.contact AS c
                (id, project_id, email, normalized_email, first_name, last_name, fields, tags)
            SELECT u.id, $1, u.email, u.normalized_email, u.first_name, u.last_name, u.fields::jsonb,
                   CASE WHEN u.tags = '[]' THEN '{}'::text[]
                        ELSE contacts.tag_set(ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb))) END
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS u(id, email, normalized_email, first_name, last_name, fields, tags)
            """;

    /**
     * Inserts new contacts and merges into existing ones: names only where the file has one, custom fields
     * merged, tags added; status is never touched (an import must not resubscribe anyone). A row whose merge
     * changes nothing is not updated and not returned, which is how "unchanged" is told from "updated".
     */
    static final String UPSERT = INSERT + """
            ON CONFLICT (project_id, normalized_email) DO UPDATE SET
                first_name = coalesce(EXCLUDED.first_name, c.first_name),
                last_name = coalesce(EXCLUDED.last_name, c.last_name),
                fields = c.fields || EXCLUDED.fields,
                tags = contacts.tag_set(c.tags || EXCLUDED.tags),
                updated_at = now()
            WHERE (c.first_name, c.last_name, c.fields, c.tags) IS DISTINCT FROM
                  (coalesce(EXCLUDED.first_name, c.first_name), coalesce(EXCLUDED.last_name, c.last_name),
                   c.fields || EXCLUDED.fields, contacts.tag_set(c.tags || EXCLUDED.tags))
            RETURNING (xmax = 0) AS created
            """;

    /** Creates only: an existing contact is left as it is and counted unchanged. */
    static final String CREATE_ONLY = INSERT + """
            ON CONFLICT (project_id, normalized_email) DO NOTHING
            RETURNING true AS created
            """;

    /** Locks the batch's addresses that exist, so update-only knows (and keeps) which rows it may write. */
    private static final String EXISTING = "SELECT normalized_email FROM contacts.contact"
            + " WHERE project_id = $1 AND normalized_email = ANY($2) FOR UPDATE";

    private final Pool pool;

    public ImportBatchWriter(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> write(ImportRun run, ImportBatch batch) {
        return pool.withTransaction(conn -> target(conn, run, batch.rows()).flatMap(target ->
                upsert(conn, run, target.writable())
                        .call(counts -> rejects(conn, run.jobId(), target.rejects(batch.rejects())))
                        .call(counts -> repairs(conn, run.jobId(), batch.repaired()))
                        .flatMap(counts -> counters(conn, run.jobId(), batch, counts, target.notFound().size()))));
    }

    private record UpsertCounts(long created, long updated, long unchanged) {
    }

    /** The rows a batch may write, and (update-only) those refused because no contact has their address. */
    private record Target(List<ImportRow> writable, List<RejectedRow> notFound) {
        List<RejectedRow> rejects(List<RejectedRow> parsed) {
            if (notFound.isEmpty()) {
                return parsed;
            }
            List<RejectedRow> all = new ArrayList<>(parsed);
            all.addAll(notFound);
            return all;
        }
    }

    private Uni<Target> target(SqlConnection conn, ImportRun run, List<ImportRow> rows) {
        if (run.mode() != ImportMode.UPDATE_ONLY || rows.isEmpty()) {
            return Uni.createFrom().item(new Target(rows, List.of()));
        }
        String[] addresses = rows.stream().map(r -> r.address().normalized()).toArray(String[]::new);
        return conn.preparedQuery(EXISTING).execute(Tuple.of(run.projectId(), addresses)).map(found -> {
            Set<String> existing = new HashSet<>();
            found.forEach(row -> existing.add(row.getString(0)));
            List<ImportRow> writable = new ArrayList<>();
            List<RejectedRow> notFound = new ArrayList<>();
            for (ImportRow row : rows) {
                if (existing.contains(row.address().normalized())) {
                    writable.add(row);
                } else {
                    notFound.add(new RejectedRow(row.line(), row.raw(), "NOT_FOUND",
                            "no contact has this address, and mode=update-only creates none"));
                }
            }
            return new Target(writable, notFound);
        });
    }

    private Uni<UpsertCounts> upsert(SqlConnection conn, ImportRun run, List<ImportRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new UpsertCounts(0, 0, 0));
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[][] text = new String[6][n];
        for (int i = 0; i < n; i++) {
            ImportRow row = rows.get(i);
            ids[i] = TimeOrderedIds.next();
            text[0][i] = row.address().entered();
            text[1][i] = row.address().normalized();
            text[2][i] = row.firstName();
            text[3][i] = row.lastName();
            text[4][i] = new JsonObject(new HashMap<>(row.fields())).encode();
            text[5][i] = new JsonArray(row.tags()).encode();
        }
        Tuple params = Tuple.tuple().addUUID(run.projectId()).addArrayOfUUID(ids);
        for (String[] column : text) {
            params.addArrayOfString(column);
        }
        String statement = run.mode() == ImportMode.CREATE_ONLY ? CREATE_ONLY : UPSERT;
        Uni<UpsertCounts> upsert = conn.preparedQuery(statement).execute(params).map(returned -> {
            long created = 0;
            for (var row : returned) {
                created += row.getBoolean("created") ? 1 : 0;
            }
            return new UpsertCounts(created, returned.rowCount() - created, n - returned.rowCount());
        });
        if (!run.dryRun()) {
            return upsert;
        }
        // a dry run executes the very same statement, then undoes it: same counts, nothing written
        return conn.query("SAVEPOINT dry_run").execute()
                .flatMap(ignored -> upsert)
                .call(counts -> conn.query("ROLLBACK TO SAVEPOINT dry_run").execute());
    }

    private Uni<Void> rejects(SqlConnection conn, UUID jobId, List<RejectedRow> rejects) {
        if (rejects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO contacts.import_reject (job_id, line, raw, reason, message)"
                        + " SELECT $1, r.line, r.raw, r.reason, r.message"
                        + " FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS r(line, raw, reason, message)")
                .execute(Tuple.of(jobId,
                        rejects.stream().map(RejectedRow::line).toArray(Long[]::new),
                        rejects.stream().map(RejectedRow::raw).toArray(String[]::new),
                        rejects.stream().map(RejectedRow::reason).toArray(String[]::new),
                        rejects.stream().map(RejectedRow::message).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> repairs(SqlConnection conn, UUID jobId, List<ImportRow> repaired) {
        if (repaired.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO contacts.import_repair (job_id, line, raw, email, changes)"
                        + " SELECT $1, r.line, r.raw, r.email, r.changes::jsonb"
                        + " FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS r(line, raw, email, changes)")
                .execute(Tuple.of(jobId,
                        repaired.stream().map(ImportRow::line).toArray(Long[]::new),
                        repaired.stream().map(ImportRow::raw).toArray(String[]::new),
                        repaired.stream().map(r -> r.address().entered()).toArray(String[]::new),
                        repaired.stream().map(r -> changes(r).encode()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static JsonArray changes(ImportRow row) {
        JsonArray changes = new JsonArray();
        row.repairs().forEach(r -> changes.add(new JsonObject().put("code", r.code().name()).put("message", r.message())));
        return changes;
    }

    private Uni<Void> counters(SqlConnection conn, UUID jobId, ImportBatch batch, UpsertCounts counts,
            long notFound) {
        return conn.preparedQuery("UPDATE contacts.import_job SET rows_read = rows_read + $2,"
                        + " rows_created = rows_created + $3, rows_updated = rows_updated + $4,"
                        + " rows_unchanged = rows_unchanged + $5, rows_duplicates = rows_duplicates + $6,"
                        + " rows_repaired = rows_repaired + $7, rows_rejected = rows_rejected + $8,"
                        + " bytes_read = least($9, bytes_total), heartbeat_at = now() WHERE id = $1")
                .execute(Tuple.tuple().addUUID(jobId).addLong(batch.read()).addLong(counts.created())
                        .addLong(counts.updated()).addLong(counts.unchanged()).addLong(batch.duplicates())
                        .addLong((long) batch.repaired().size()).addLong(batch.rejects().size() + notFound)
                        .addLong(batch.bytesRead()))
                .replaceWithVoid();
    }
}
