package io.tidings.contacts.importing;

import io.tidings.contacts.importing.csv.ImportFile;
import java.util.List;
import java.util.UUID;

/** Everything a worker needs to carry out one import job. */
public record ImportRun(UUID jobId, UUID projectId, boolean dryRun, ImportMode mode, List<String> tags,
        ImportFile file) {
}
