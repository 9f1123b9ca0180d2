package io.tidings.contacts.importing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads and writes {@code contacts.import_job}: a job's state, row counts, progress and warnings. */
@ApplicationScoped
public class ImportJobRepository {
    static final String STALLED = "the import stopped making progress (its service instance stopped); "
            + "upload the file again: rows already imported are updated, not duplicated";
    private static final String COLUMNS = "id, state, dry_run, mode, tags, rows_read, rows_created, rows_updated,"
            + " rows_unchanged, rows_duplicates, rows_repaired, rows_rejected, bytes_read, bytes_total, warnings,"
            + " failure, created_at, finished_at,"
            + " extract(epoch FROM coalesce(finished_at, heartbeat_at) - created_at)::float8 AS elapsed_seconds";

    private final Pool pool;
    private final ImportConfig config;

    public ImportJobRepository(Pool pool, ImportConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<ImportJob> create(ImportRun run, long totalBytes, List<String> warnings) {
        return pool.preparedQuery("INSERT INTO contacts.import_job (id, project_id, state, dry_run, mode, tags, bytes_total,"
                        + " warnings) VALUES ($1, $2, 'QUEUED', $3, $4, $5, $6, $7::jsonb) RETURNING " + COLUMNS)
                .execute(Tuple.tuple().addUUID(run.jobId()).addUUID(run.projectId()).addBoolean(run.dryRun())
                        .addString(run.mode().wire()).addArrayOfString(run.tags().toArray(String[]::new))
                        .addLong(totalBytes).addValue(new JsonArray(warnings)))
                .map(rows -> from(rows.iterator().next()));
    }

    /** The job, first marking it FAILED if it is queued or running but has made no progress for too long. */
    public Uni<ImportJob> find(UUID projectId, UUID id) {
        Duration stall = config.stallTimeout();
        return pool.preparedQuery("UPDATE contacts.import_job SET state = 'FAILED', failure = $3, finished_at = now()"
                        + " WHERE project_id = $1 AND id = $2 AND state IN ('QUEUED', 'RUNNING')"
                        + " AND heartbeat_at < now() - make_interval(secs => $4)")
                .execute(Tuple.of(projectId, id, STALLED, (double) stall.toMillis() / 1000))
                .flatMap(stalled -> pool.preparedQuery("SELECT " + COLUMNS
                                + " FROM contacts.import_job WHERE project_id = $1 AND id = $2")
                        .execute(Tuple.of(projectId, id)))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    public Uni<Void> start(UUID id) {
        return pool.preparedQuery("UPDATE contacts.import_job SET state = 'RUNNING', heartbeat_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> complete(UUID id, List<String> warnings) {
        return pool.preparedQuery("UPDATE contacts.import_job SET state = 'COMPLETED', finished_at = now(),"
                        + " bytes_read = bytes_total, warnings = warnings || $2::jsonb WHERE id = $1")
                .execute(Tuple.of(id, new JsonArray(warnings))).replaceWithVoid();
    }

    public Uni<Void> fail(UUID id, String failure, List<String> warnings) {
        return pool.preparedQuery("UPDATE contacts.import_job SET state = 'FAILED', finished_at = now(),"
                        + " failure = $2, warnings = warnings || $3::jsonb WHERE id = $1")
                .execute(Tuple.of(id, failure, new JsonArray(warnings))).replaceWithVoid();
    }

    /** Rows read per second since the job was created, up to its last progress or its end. */
    private static long rate(long read, Double seconds) {
        return seconds == null || seconds <= 0 ? 0 : Math.round(read / seconds);
    }

    private static ImportJob from(Row row) {
        long read = row.getLong("rows_read");
        JsonArray warnings = (JsonArray) row.getValue("warnings");
        OffsetDateTime finished = row.getOffsetDateTime("finished_at");
        return new ImportJob(
                row.getUUID("id"),
                ImportState.valueOf(row.getString("state")),
                row.getBoolean("dry_run"),
                row.getString("mode"),
                Arrays.asList(row.getArrayOfStrings("tags")),
                new ImportJob.Rows(read, row.getLong("rows_created"), row.getLong("rows_updated"),
                        row.getLong("rows_unchanged"), row.getLong("rows_duplicates"), row.getLong("rows_repaired"),
                        row.getLong("rows_rejected")),
                new ImportJob.Progress(read, row.getLong("bytes_read"), row.getLong("bytes_total"),
                        rate(read, row.getDouble("elapsed_seconds"))),
                warnings.stream().map(String::valueOf).toList(),
                row.getString("failure"),
                row.getOffsetDateTime("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
