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
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real-world exports: byte-order marks, CRLF, other delimiters and charsets, header synonyms, custom fields. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportFormatsTest {

    @Test
    void readsSpreadsheetExportWithBomCrlfSemicolonsAndGermanHeaders() {
        ProjectApi api = ProjectApi.fresh();
        String csv = "\"E-Mail\";\" Vorname \";\"Nachname\";\"Stadt\"\r\n"
                + "anna@example.com;Anna;Müller;Köln\r\n"
                + "\r\n"
                + ";;;\r\n"
                + "jules@example.com;Jules;\"Verne; Sr.\";Nantes\r\n";

        JsonPath job = importBytes(api, bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, csv, StandardCharsets.UTF_8));

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 2, "created", 2, "rejected", 0));
        assertThat(job.getList("warnings", String.class)).contains("1 line with only empty cells was skipped.");
        JsonPath anna = CsvImport.contact(api, "anna@example.com");
        assertThat(anna.getString("lastName")).isEqualTo("Müller");
        assertThat(anna.getMap("fields")).isEqualTo(Map.of("Stadt", "Köln"));
        assertThat(CsvImport.contact(api, "jules@example.com").getString("lastName")).isEqualTo("Verne; Sr.");
    }

    @Test
    void readsTabSeparatedFileWithEnglishHeadersAndTagsColumn() {
        ProjectApi api = ProjectApi.fresh();
        String tsv = "Email Address\tFirst Name\tLast Name\tTags\tPlan\n"
                + "anna@example.com\tAnna\tSchmidt\tvip, newsletter\tpro\n";

        JsonPath job = CsvImport.run(api, tsv, "tags=import");

        assertThat(job.getInt("rows.created")).isEqualTo(1);
        JsonPath anna = CsvImport.contact(api, "anna@example.com");
        assertThat(anna.getString("firstName")).isEqualTo("Anna");
        assertThat(anna.getList("tags")).isEqualTo(List.of("import", "newsletter", "vip"));
        assertThat(anna.getMap("fields")).isEqualTo(Map.of("Plan", "pro"));
    }

    @Test
    void readsPipeSeparatedFile() {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, "mail|firstName|lastName\nanna@example.com|Anna|Schmidt\n");

        assertThat(job.getInt("rows.created")).isEqualTo(1);
        assertThat(CsvImport.contact(api, "anna@example.com").getString("lastName")).isEqualTo("Schmidt");
    }

    @Test
    void readsLatin1FileAndWarnsAboutTheCharset() {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = importBytes(api, bytes(new byte[0], "email,first_name,last_name\nzoe@example.com,Zoë,Müller\n",
                Charset.forName("windows-1252")));

        assertThat(job.getList("warnings", String.class)).anyMatch(w -> w.contains("Windows-1252"));
        JsonPath zoe = CsvImport.contact(api, "zoe@example.com");
        assertThat(zoe.getString("firstName")).isEqualTo("Zoë");
        assertThat(zoe.getString("lastName")).isEqualTo("Müller");
    }

    @Test
    void readsUtf16UnicodeTextFromSpreadsheets() {
        ProjectApi api = ProjectApi.fresh();
        byte[] body = bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, "email\tfirst_name\nanna@example.com\tÅsa\n",
                StandardCharsets.UTF_16LE);

        JsonPath job = importBytes(api, body);

        assertThat(job.getInt("rows.created")).isEqualTo(1);
        assertThat(CsvImport.contact(api, "anna@example.com").getString("firstName")).isEqualTo("Åsa");
    }

    private static JsonPath importBytes(ProjectApi api, byte[] body) {
        return CsvImport.post(api, body, "text/csv", "wait=true").then().statusCode(200).extract().jsonPath();
    }

    private static byte[] bytes(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }
}
