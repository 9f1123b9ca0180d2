package io.tidings.contacts.importing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job as the API shows it. Its row counts always satisfy
 * {@code read = created + updated + unchanged + duplicates + rejected} (a database constraint keeps it so).
 */
public record ImportJob(
        UUID id,
        ImportState state,
        boolean dryRun,
        String mode,
        List<String> tags,
        Rows rows,
        Progress progress,
        List<String> warnings,
        String failure,
        Instant createdAt,
        Instant finishedAt) {

    /** What became of the file's data rows; {@code repaired} rows are also counted in one of the others. */
    public record Rows(long read, long created, long updated, long unchanged, long duplicates, long repaired,
            long rejected) {
    }

    /** How far the job has read: data rows, bytes of {@code totalBytes}, and rows per second so far. */
    public record Progress(long rows, long bytes, long totalBytes, long rowsPerSecond) {
    }
}
