package io.tidings.contacts.importing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Starting, following and refusing imports: 202 and polling, 400, 404, 413, 415, 422 as problem+json. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportRequestProblemsTest {
    private static final byte[] SMALL = "email\nanna@example.com\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void answers202WithLocationAndRunsTheJobInTheBackground() {
        ProjectApi api = ProjectApi.fresh();
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("person").append(i).append("@example.com,Person ").append(i).append('\n');
        }

        String location = CsvImport.post(api, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(202)
                .header("Location", startsWith("/api/v1/contacts/imports/"))
                .body("state", equalTo("QUEUED"))
                .body("progress.totalBytes", equalTo(csv.length()))
                .extract().header("Location");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "COMPLETED".equals(api.request().get(location).then().statusCode(200).extract().path("state")));
        api.request().get(location).then()
                .body("rows.read", equalTo(20_000))
                .body("rows.created", equalTo(20_000))
                .body("progress.rows", equalTo(20_000))
                .body("progress.bytes", equalTo(csv.length()))
                .body("finishedAt", containsString("T"));
    }

    @Test
    void refusesBodyThatIsNotCsvWith415() {
        CsvImport.post(ProjectApi.fresh(), "{\"email\": \"a@example.com\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json", "")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unsupported-media-type"));
    }

    @Test
    void refusesEmptyBodyWith400() {
        CsvImport.post(ProjectApi.fresh(), new byte[0], "text/csv", "")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void refusesFileWithoutEmailColumnWith422NamingIt() {
        CsvImport.post(ProjectApi.fresh(), "name,city\nAnna,Berlin\n".getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unprocessable"))
                .body("errors[0].field", equalTo("email"))
                .body("errors[0].message", containsString("found: name, city"));
    }

    @Test
    void refusesFileAboveTheLimitWith413() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        CsvImport.post(ProjectApi.fresh(), big, "text/csv", "")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:payload-too-large"));
    }

    @Test
    void refusesChunkedBodyAboveTheLimitWith413() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        ProjectApi.fresh().request().contentType("text/csv").body(new ByteArrayInputStream(big))
                .post("/api/v1/contacts/imports")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void refusesInvalidFlagsNamingTheParameter() {
        CsvImport.post(ProjectApi.fresh(), SMALL, "text/csv", "dryRun=maybe")
                .then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void reportsJobThatStoppedMakingProgressAsFailed() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        UUID jobId = UUID.randomUUID();
        try (Connection db = PostgresResource.current().connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO contacts.import_job"
                        + " (id, project_id, state, dry_run, bytes_total, heartbeat_at)"
                        + " VALUES (?, ?, 'RUNNING', false, 100, now() - interval '1 hour')")) {
            insert.setObject(1, jobId);
            insert.setObject(2, UUID.fromString(api.projectId()));
            insert.executeUpdate();
        }

        api.request().get("/api/v1/contacts/imports/" + jobId)
                .then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("failure", containsString("upload the file again"))
                .body("finishedAt", containsString("T"));
    }

    @Test
    void unknownJobIs404() {
        ProjectApi api = ProjectApi.fresh();
        api.request().get("/api/v1/contacts/imports/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
                .then().statusCode(404).contentType("application/problem+json");
        api.request().get("/api/v1/contacts/imports/nope/rejects").then().statusCode(404);
    }
}
