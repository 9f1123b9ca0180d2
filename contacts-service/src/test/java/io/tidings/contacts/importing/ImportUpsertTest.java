package io.tidings.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** De-duplication within a file and upsert against the project's contacts: created, updated, unchanged. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportUpsertTest {
    private static final String FILE = """
            email,first_name,last_name,city
            anna@example.com,Anna,Schmidt,Berlin
            jules@bücher.example,Jules,Verne,Nantes
            ANNA@Example.com,Annie,Other,Paris
            mara@example.com,Mara,Lind,
            """;

    @Test
    void laterRowsWithTheSameNormalisedAddressAreDuplicates() {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, FILE);

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 4, "created", 3, "duplicates", 1));
        JsonPath anna = CsvImport.contact(api, "anna@example.com");
        assertThat(anna.getString("firstName")).isEqualTo("Anna");
        assertThat(anna.getString("fields.city")).isEqualTo("Berlin");
        assertThat(CsvImport.contact(api, "jules@xn--bcher-kva.example").getString("email"))
                .isEqualTo("jules@bücher.example");
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        ProjectApi api = ProjectApi.fresh();
        CsvImport.run(api, FILE);

        JsonPath again = CsvImport.run(api, FILE);

        // ANNA@Example.com: its domain is written in lower case (a repair), and it is a duplicate of line 2
        assertThat(again.getMap("rows")).isEqualTo(Map.of("read", 4, "created", 0, "updated", 0, "unchanged", 3,
                "duplicates", 1, "repaired", 1, "rejected", 0));
    }

    @Test
    void reimportUpdatesChangedContactsAndKeepsTheirStatus() {
        ProjectApi api = ProjectApi.fresh();
        CsvImport.run(api, FILE);
        String annaId = CsvImport.contact(api, "anna@example.com").getString("id");
        api.json().body("{\"status\": \"UNSUBSCRIBED\"}").patch("/api/v1/contacts/" + annaId).then().statusCode(200);

        JsonPath job = CsvImport.run(api, """
                email,first_name,last_name,plan
                anna@example.com,Anna,Schmidt-Lind,pro
                mara@example.com,,,
                new@example.com,New,One,
                """, "tags=spring,vip");

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 3, "created", 1, "updated", 2, "unchanged", 0));
        JsonPath anna = CsvImport.contact(api, "anna@example.com");
        assertThat(anna.getString("lastName")).isEqualTo("Schmidt-Lind");
        assertThat(anna.getMap("fields")).isEqualTo(Map.of("city", "Berlin", "plan", "pro"));
        assertThat(anna.getList("tags")).isEqualTo(List.of("spring", "vip"));
        assertThat(anna.getString("status")).isEqualTo("UNSUBSCRIBED");
        JsonPath mara = CsvImport.contact(api, "mara@example.com");
        assertThat(mara.getString("firstName")).as("blank cells do not erase").isEqualTo("Mara");
    }

    @Test
    void deduplicatesAcrossBatchBoundaries() {
        ProjectApi api = ProjectApi.fresh();
        StringBuilder csv = new StringBuilder("email,tags\n");
        for (int i = 0; i < 350; i++) {
            csv.append("user").append(i % 200).append("@example.com,").append(i < 200 ? "first" : "again").append('\n');
        }

        JsonPath job = CsvImport.run(api, csv.toString());

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 350, "created", 200, "duplicates", 150));
        assertThat(CsvImport.contact(api, "user10@example.com").getList("tags")).isEqualTo(List.of("first"));
    }

    @Test
    void dryRunReportsEverythingAndWritesNoContact() {
        ProjectApi api = ProjectApi.fresh();
        String csv = FILE + "broken,No,Address,\n";

        JsonPath dry = CsvImport.run(api, csv, "dryRun=true");

        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(dry.getMap("rows")).containsAllEntriesOf(Map.of("read", 5, "created", 3, "duplicates", 1, "rejected", 1));
        assertThat(CsvImport.rejects(api, dry).getString("items[0].reason")).isEqualTo("MISSING_AT");
        assertThat(api.request().get("/api/v1/contacts").then().extract().jsonPath().getList("items")).isEmpty();

        CsvImport.run(api, csv);
        JsonPath dryAgain = CsvImport.run(api, csv, "dryRun=true");
        assertThat(dryAgain.getMap("rows")).containsAllEntriesOf(Map.of("created", 0, "unchanged", 3));
    }

    @Test
    void createOnlyLeavesExistingContactsAsTheyAre() {
        ProjectApi api = ProjectApi.fresh();
        CsvImport.run(api, FILE);

        JsonPath job = CsvImport.run(api, """
                email,first_name,last_name
                anna@example.com,Changed,Name
                new@example.com,New,One
                """, "mode=create-only");

        assertThat(job.getString("mode")).isEqualTo("create-only");
        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 2, "created", 1, "updated", 0,
                "unchanged", 1, "rejected", 0));
        assertThat(CsvImport.contact(api, "anna@example.com").getString("firstName")).isEqualTo("Anna");
        assertThat(CsvImport.contact(api, "new@example.com").getString("firstName")).isEqualTo("New");
    }

    @Test
    void updateOnlyCreatesNobodyAndRejectsUnknownAddressesWithTheirLine() {
        ProjectApi api = ProjectApi.fresh();
        CsvImport.run(api, FILE);

        JsonPath job = CsvImport.run(api, """
                email,first_name,last_name
                anna@example.com,Anna,Changed
                stranger@example.com,Nobody,Known
                mara@example.com,Mara,Lind
                """, "mode=update-only");

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 3, "created", 0, "updated", 1,
                "unchanged", 1, "rejected", 1));
        JsonPath rejects = CsvImport.rejects(api, job);
        assertThat(rejects.getList("items.reason")).containsExactly("NOT_FOUND");
        assertThat(rejects.getList("items.line", Integer.class)).containsExactly(3);
        assertThat(rejects.getString("items[0].raw")).contains("stranger@example.com");
        assertThat(CsvImport.contact(api, "anna@example.com").getString("lastName")).isEqualTo("Changed");
        api.json().get("/api/v1/contacts?limit=100").then().statusCode(200)
                .body("items.email", not(hasItem("stranger@example.com")));
    }

    @Test
    void anUnknownModeIsAProblemNamingTheParameter() {
        ProjectApi api = ProjectApi.fresh();

        CsvImport.post(api, FILE.getBytes(StandardCharsets.UTF_8), "text/csv", "mode=replace")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("mode"));
    }
}
