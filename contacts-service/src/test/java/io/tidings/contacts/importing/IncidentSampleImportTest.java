package io.tidings.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export that started the project: every row imported, the squeezed ones repaired with their names. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class IncidentSampleImportTest {

    @Test
    void importsAll200RowsAndRepairsThe50SqueezedOnes() throws IOException {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, sample(), "tags=incident");

        assertThat(job.getString("state")).isEqualTo("COMPLETED");
        assertThat(job.getMap("rows")).isEqualTo(Map.of("read", 200, "created", 200, "updated", 0,
                "unchanged", 0, "duplicates", 0, "repaired", 50, "rejected", 0));
        assertThat(job.getLong("progress.bytes")).isEqualTo(job.getLong("progress.totalBytes"));
        assertThat(job.getList("warnings", String.class)).contains(
                "50 rows: " + "the whole record was in the email column; split it into the address and the names"
                        + " (SQUEEZED_RECORD).");

        JsonPath contacts = api.request().queryParam("limit", 1000).get("/api/v1/contacts")
                .then().statusCode(200).extract().jsonPath();
        assertThat(contacts.getList("items")).hasSize(200);
        assertThat(contacts.getList("items.firstName")).doesNotContainNull();
        assertThat(contacts.getList("items.lastName")).doesNotContainNull();
        assertThat(contacts.getList("items.email", String.class)).allMatch(e -> e.matches("subscriber\\d{3}@example\\.com"));
        assertThat(contacts.getList("items.tags")).containsOnly(List.of("incident"));
        JsonPath squeezed = CsvImport.contact(api, "subscriber001@example.com");
        assertThat(squeezed.getString("firstName")).isEqualTo("Sven");
        assertThat(squeezed.getString("lastName")).isEqualTo("Olsen");

        JsonPath repairs = api.request().queryParam("limit", 1000)
                .get("/api/v1/contacts/imports/" + job.getString("id") + "/repairs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(repairs.getList("items")).hasSize(50);
        assertThat(repairs.getLong("items[0].line")).isEqualTo(3);
        assertThat(repairs.getString("items[0].raw")).isEqualTo("subscriber001@example.com;Sven;Olsen,,");
        assertThat(repairs.getString("items[0].changes[0].code")).isEqualTo("SQUEEZED_RECORD");
    }

    private static String sample() throws IOException {
        try (InputStream in = IncidentSampleImportTest.class.getResourceAsStream("/incident-sample.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
