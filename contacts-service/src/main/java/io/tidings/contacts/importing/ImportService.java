package io.tidings.contacts.importing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.contacts.importing.csv.ImportFile;
import io.tidings.contacts.importing.upload.SpooledUpload;
import io.tidings.contacts.importing.upload.UploadSpool;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.persistence.TimeOrderedIds;
import io.tidings.contacts.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** Starts imports (spool, inspect, create the job, run it) and reads jobs and their row reports. */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private static final int CSV_PAGE = 1000;

    private final UploadSpool spool;
    private final ImportJobRepository jobs;
    private final RowReportRepository reports;
    private final ImportRunner runner;

    public ImportService(UploadSpool spool, ImportJobRepository jobs, RowReportRepository reports, ImportRunner runner) {
        this.spool = spool;
        this.jobs = jobs;
        this.reports = reports;
        this.runner = runner;
    }

    /**
     * Spools and inspects the body on the calling (worker) thread, then creates the QUEUED job. Without
     * {@code wait}, the job runs in the background and the created job is returned at once; with it, the
     * finished job is returned.
     */
    public Uni<ImportJob> start(UUID projectId, InputStream body, ImportOptions options, Long declaredLength,
            Charset declaredCharset) {
        SpooledUpload upload = spool.receive(body, declaredLength);
        ImportFile file;
        try {
            file = ImportFile.inspect(upload, declaredCharset, options.mapping());
        } catch (RuntimeException e) {
            upload.delete();
            throw e;
        }
        ImportRun run = new ImportRun(TimeOrderedIds.next(), projectId, options.dryRun(), options.mode(),
                options.tags(), file);
        return jobs.create(run, upload.size(), file.warnings())
                .onFailure().call(upload::discard)
                .flatMap(job -> {
                    if (options.waitForResult()) {
                        return runner.run(run).flatMap(done -> jobs.find(projectId, job.id()));
                    }
                    runner.run(run).subscribe().with(
                            done -> LOG.debugf("import job %s finished", job.id()),
                            failure -> LOG.errorf(failure, "import job %s could not be finished", job.id()));
                    return Uni.createFrom().item(job);
                });
    }

    public Uni<ImportJob> get(UUID projectId, String id) {
        return jobs.find(projectId, parseId(id)).onItem().ifNull().failWith(ImportService::notFound);
    }

    public Uni<Page<RowReport.Rejected>> rejects(UUID projectId, String id, PageRequest<Long> page) {
        return get(projectId, id).flatMap(job -> reports.rejects(job.id(), page))
                .map(items -> Page.of(items, page.limit(), r -> Long.toString(r.line())));
    }

    /** Every rejected row of a job, as CSV lines after a header, read page by page (never all at once). */
    public Multi<String> rejectsCsv(UUID projectId, String id) {
        return get(projectId, id).onItem().transformToMulti(job -> {
            AtomicLong after = new AtomicLong();
            Multi<String> lines = Multi.createBy().repeating()
                    .uni(() -> reports.rejects(job.id(), new PageRequest<>(after.get(), CSV_PAGE)).invoke(page -> {
                        if (!page.isEmpty()) {
                            after.set(page.get(page.size() - 1).line());
                        }
                    }))
                    .whilst(page -> page.size() == CSV_PAGE)
                    .onItem().<RowReport.Rejected>transformToMultiAndConcatenate(page -> Multi.createFrom().iterable(page))
                    .map(RejectsCsv::line);
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(RejectsCsv.HEADER), lines);
        });
    }

    public Uni<Page<RowReport.Repaired>> repairs(UUID projectId, String id, PageRequest<Long> page) {
        return get(projectId, id).flatMap(job -> reports.repairs(job.id(), page))
                .map(items -> Page.of(items, page.limit(), r -> Long.toString(r.line())));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("import job");
    }
}
