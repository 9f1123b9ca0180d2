package io.tidings.contacts.importing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tidings.contacts.importing.rows.BatchAssembler;
import io.tidings.contacts.importing.rows.ImportBatch;
import io.tidings.contacts.importing.rows.ImportFailure;
import io.tidings.contacts.importing.rows.ImportTally;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Carries out an import job: batches are pulled from the file on a worker thread (blocking file I/O) and written
 * reactively, at most {@code writers} at once (backpressure: no more is read while they are all busy), so parsing
 * overlaps with writing. Each batch commits with its counters, so the counts always match what is stored. Then
 * the job is marked COMPLETED, or FAILED with a reason. The spooled file is deleted in every case.
 */
@ApplicationScoped
public class ImportRunner {
    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    private final ImportJobRepository jobs;
    private final ImportBatchWriter writer;
    private final ImportConfig config;

    public ImportRunner(ImportJobRepository jobs, ImportBatchWriter writer, ImportConfig config) {
        this.jobs = jobs;
        this.writer = writer;
        this.config = config;
    }

    public Uni<Void> run(ImportRun run) {
        ImportTally tally = new ImportTally();
        return jobs.start(run.jobId())
                .onItem().transformToMulti(started -> batches(run, tally))
                .onItem().transformToUni(batch -> writer.write(run, batch)).merge(config.writers())
                .collect().last()
                .flatMap(done -> jobs.complete(run.jobId(), tally.warnings()))
                .onFailure().recoverWithUni(failure -> jobs.fail(run.jobId(), describe(run.jobId(), failure),
                        tally.warnings()))
                .eventually(() -> run.file().upload().discard());
    }

    private Multi<ImportBatch> batches(ImportRun run, ImportTally tally) {
        return Multi.createFrom()
                .resource(() -> BatchAssembler.open(run.file(), run.tags(), tally, config.batchSize(),
                        run.mode() == ImportMode.UPDATE_ONLY),
                        assembler -> Multi.createFrom().iterable(() -> assembler))
                .withFinalizer(BatchAssembler::close)
                // subscription and every request run on a worker: reading the next batch may block
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String describe(UUID jobId, Throwable failure) {
        if (failure instanceof ImportFailure known) {
            return known.getMessage();
        }
        LOG.errorf(failure, "import job %s failed", jobId);
        return "the import stopped on an unexpected error (logged with job id " + jobId
                + "); the rows counted so far were imported";
    }
}
