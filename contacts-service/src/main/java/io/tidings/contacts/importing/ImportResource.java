package io.tidings.contacts.importing;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.problem.ProblemType;
import io.tidings.contacts.security.ProjectScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.Charset;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The public import API: {@code /api/v1/contacts/imports}. */
@Path("/api/v1/contacts/imports")
@RolesAllowed(ProjectScope.PROJECT_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    private final ImportService imports;
    private final ProjectScope scope;

    public ImportResource(ImportService imports, ProjectScope scope) {
        this.imports = imports;
        this.scope = scope;
    }

    /**
     * Starts an import of a {@code text/csv} body. Blocking on purpose: the body is streamed to a temporary
     * file on this worker thread, never held in memory.
     */
    @POST
    @Consumes({"text/csv", "application/csv", "text/comma-separated-values", "text/tab-separated-values"})
    @Blocking
    public Uni<RestResponse<ImportJob>> start(InputStream body, @RestQuery String tags, @RestQuery String dryRun,
            @RestQuery String wait, @RestQuery String mapping, @RestQuery String mode,
            @RestHeader(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType) {
        ImportOptions options = ImportOptions.parse(tags, dryRun, wait, mapping, mode);
        return answer(imports.start(scope.projectId(), body, options, contentLength, charset(contentType)), options);
    }

    /**
     * Starts an import of the multipart part {@code file}. The HTTP layer streams the part to a file in the upload
     * directory; it is spooled from there like a plain body, on this worker thread, and never held in memory.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Uni<RestResponse<ImportJob>> upload(@RestForm("file") FileUpload file, @RestQuery String tags,
            @RestQuery String dryRun, @RestQuery String wait, @RestQuery String mapping, @RestQuery String mode) {
        ImportOptions options = ImportOptions.parse(tags, dryRun, wait, mapping, mode);
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "a multipart part named 'file' holding the CSV is required");
        }
        try (InputStream body = Files.newInputStream(file.uploadedFile())) {
            return answer(imports.start(scope.projectId(), body, options, file.size(), charset(file.contentType())),
                    options);
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded part could not be read", e);
        }
    }

    private static Uni<RestResponse<ImportJob>> answer(Uni<ImportJob> started, ImportOptions options) {
        return started.map(job -> options.waitForResult()
                ? RestResponse.ok(job)
                : RestResponse.ResponseBuilder.<ImportJob>accepted(job)
                        .header(HttpHeaders.LOCATION, "/api/v1/contacts/imports/" + job.id()).build());
    }

    @GET
    @Path("{id}")
    public Uni<ImportJob> get(@RestPath String id) {
        return imports.get(scope.projectId(), id);
    }

    @GET
    @Path("{id}/rejects")
    public Uni<Page<RowReport.Rejected>> rejects(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        return imports.rejects(scope.projectId(), id, PageRequest.byLine(after, limit));
    }

    /** All rejected rows as a CSV download, formula cells neutralised. */
    @GET
    @Path("{id}/rejects")
    @Produces("text/csv")
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"rejects.csv\"")
    public Multi<String> rejectsCsv(@RestPath String id) {
        return imports.rejectsCsv(scope.projectId(), id);
    }

    @GET
    @Path("{id}/repairs")
    public Uni<Page<RowReport.Repaired>> repairs(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        return imports.repairs(scope.projectId(), id, PageRequest.byLine(after, limit));
    }

    private static Charset charset(String contentType) {
        String name = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get("charset");
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unknown charset '" + name + "'", List.of());
        }
    }
}
