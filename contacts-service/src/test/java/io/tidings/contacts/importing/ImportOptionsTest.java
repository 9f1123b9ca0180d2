package io.tidings.contacts.importing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multipart uploads, the explicit column mapping, line and field limits, and the rejects as a CSV download. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportOptionsTest {

    @Test
    void multipartFilePartImportsLikeABody() {
        ProjectApi api = ProjectApi.fresh();
        byte[] csv = "Vorname;E-Mail\nAnna;anna@example.com\nBen;ben@example.com\n".getBytes(StandardCharsets.UTF_8);
        JsonPath job = api.request().multiPart("file", "contacts.csv", csv, "text/csv")
                .post("/api/v1/contacts/imports?wait=true&tags=fair")
                .then().statusCode(200).extract().jsonPath();
        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 2, "created", 2, "rejected", 0));
        assertThat(job.getLong("progress.bytes")).isEqualTo(csv.length);
        assertThat(job.getLong("progress.rowsPerSecond")).isPositive();
        JsonPath anna = CsvImport.contact(api, "anna@example.com");
        assertThat(anna.getString("firstName")).isEqualTo("Anna");
        assertThat(anna.getList("tags")).containsExactly("fair");
    }

    @Test
    void multipartWithoutAFilePartIsA400NamingIt() {
        ProjectApi api = ProjectApi.fresh();
        api.request().multiPart("other", "x.csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/contacts/imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("file"));
    }

    @Test
    void multipartNeedsAToken() {
        given().multiPart("file", "x.csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/contacts/imports").then().statusCode(401);
    }

    @Test
    void mappingOverridesTheHeaderSynonyms() {
        ProjectApi api = ProjectApi.fresh();
        JsonPath job = CsvImport.run(api, "Email,Kontakt,Rufname,Name\nold@example.com,new@example.com,Nina,Neu\n",
                "mapping=email:Kontakt,firstName:rufname,lastName:Name");
        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 1, "created", 1));
        JsonPath contact = CsvImport.contact(api, "new@example.com");
        assertThat(contact.getString("firstName")).isEqualTo("Nina");
        assertThat(contact.getString("lastName")).isEqualTo("Neu");
        assertThat(contact.getString("fields.Email")).isEqualTo("old@example.com");
    }

    @Test
    void mappingToAMissingColumnIs422AndToAnUnknownFieldIs400() {
        ProjectApi api = ProjectApi.fresh();
        byte[] csv = "email\na@example.com\n".getBytes(StandardCharsets.UTF_8);
        CsvImport.post(api, csv, "text/csv", "mapping=email:Kontakt").then().statusCode(422)
                .body("errors[0].field", equalTo("mapping")).body("detail", containsString("Kontakt"));
        CsvImport.post(api, csv, "text/csv", "mapping=phone:Telefon").then().statusCode(400)
                .body("errors[0].field", equalTo("mapping"));
        CsvImport.post(api, csv, "text/csv", "mapping=email").then().statusCode(400)
                .body("errors[0].field", equalTo("mapping"));
    }

    @Test
    void anOverlongLineOrFieldIsRejectedAndTheImportGoesOn() {
        ProjectApi api = ProjectApi.fresh();
        String longLine = "long@example.com,Anna," + "x".repeat(70_000);
        String longName = "name@example.com," + "N".repeat(300) + ",Schmidt";
        JsonPath job = CsvImport.run(api, "email,first_name,last_name\n" + longLine + "\n" + longName
                + "\nafter@example.com,After,Row\n");
        assertThat(job.getString("state")).isEqualTo("COMPLETED");
        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 3, "created", 1, "rejected", 2));
        JsonPath rejects = CsvImport.rejects(api, job);
        assertThat(rejects.getList("items.reason", String.class)).containsExactly("LINE_TOO_LONG", "VALUE_TOO_LONG");
        assertThat(rejects.getList("items.line", Integer.class)).containsExactly(2, 3);
        assertThat(rejects.getString("items[0].raw")).startsWith("long@example.com,Anna,xxx").hasSizeLessThan(10_010);
    }

    @Test
    void rejectsDownloadAsCsvWithFormulaCellsNeutralised() {
        ProjectApi api = ProjectApi.fresh();
        JsonPath job = CsvImport.run(api, "email,first_name\n"
                + "=HYPERLINK(\"http://evil\"),Eve\n"
                + "ok@example.com,Ok\n"
                + "@SUM(1+1)*cmd,Mal\n"
                + "-2+3,Minus\n");
        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 4, "created", 1, "rejected", 3));
        String csv = api.request().accept("text/csv").get("/api/v1/contacts/imports/" + job.getString("id") + "/rejects")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("line,reason,message,raw");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("2,").endsWith(",\"'=HYPERLINK(\"\"http://evil\"\"),Eve\"");
        assertThat(lines[2]).startsWith("4,").endsWith(",\"'@SUM(1+1)*cmd,Mal\"");
        assertThat(lines[3]).startsWith("5,").endsWith(",\"'-2+3,Minus\"");
    }

    @Test
    void rejectsCsvOfAnotherProjectsJobIsA404() {
        ProjectApi owner = ProjectApi.fresh();
        JsonPath job = CsvImport.run(owner, "email\nbad\n");
        given().auth().oauth2(TestTokens.project(TestTokens.newProjectId())).accept("text/csv")
                .get("/api/v1/contacts/imports/" + job.getString("id") + "/rejects")
                .then().statusCode(404);
    }
}
