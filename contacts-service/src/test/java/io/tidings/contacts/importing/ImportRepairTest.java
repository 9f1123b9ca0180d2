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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each repair rule, one small file each: the row is imported, counted as repaired, and the change noted. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportRepairTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
            squeezed with semicolons  ~ email,first_name,last_name\\nanna@example.com;Anna;Schmidt,,            ~ SQUEEZED_RECORD ~ Anna ~ Schmidt
            squeezed with commas      ~ email;first_name;last_name\\nanna@example.com,Anna,Schmidt;;            ~ SQUEEZED_RECORD ~ Anna ~ Schmidt
            squeezed with pipes       ~ email,first_name,last_name\\nanna@example.com|Anna|Schmidt,,            ~ SQUEEZED_RECORD ~ Anna ~ Schmidt
            squeezed with tabs        ~ email,first_name,last_name\\nanna@example.com\\tAnna\\tSchmidt,,        ~ SQUEEZED_RECORD ~ Anna ~ Schmidt
            squeezed, names kept      ~ email,first_name,last_name\\nanna@example.com;Anna;Schmidt,Ann,Smith    ~ SQUEEZED_RECORD ~ Ann  ~ Smith
            surrounding whitespace    ~ email,first_name,last_name\\n"  anna@example.com ",Anna,Schmidt         ~ TRIMMED         ~ Anna ~ Schmidt
            invisible characters      ~ email,first_name,last_name\\n\u00A0anna@example.com\u200B,Anna,Schmidt  ~ TRIMMED         ~ Anna ~ Schmidt
            single quotes             ~ email,first_name,last_name\\n'anna@example.com',Anna,Schmidt            ~ UNQUOTED        ~ Anna ~ Schmidt
            mailto prefix             ~ email,first_name,last_name\\nMAILTO:anna@example.com?subject=hi,Anna,Schmidt ~ MAILTO    ~ Anna ~ Schmidt
            name and address          ~ email,first_name,last_name\\nAnna Schmidt <anna@example.com>,,          ~ NAME_ADDRESS    ~ Anna ~ Schmidt
            quoted last-first name    ~ email,first_name,last_name\\n\"""Schmidt, Anna\"" <anna@example.com>",,   ~ NAME_ADDRESS    ~ Anna ~ Schmidt
            trailing dot              ~ email,first_name,last_name\\nanna@example.com.,Anna,Schmidt             ~ TRAILING_DOT    ~ Anna ~ Schmidt
            upper-case domain         ~ email,first_name,last_name\\nanna@EXAMPLE.Com,Anna,Schmidt             ~ DOMAIN_CASE     ~ Anna ~ Schmidt
            """)
    void repairsRowAndNotesTheChange(String rule, String csv, String code, String firstName, String lastName) {
        ProjectApi api = ProjectApi.fresh();
        String file = csv.replace("\\n", "\n").replace("\\t", "\t");

        JsonPath job = CsvImport.run(api, file);

        assertThat(job.getString("state")).isEqualTo("COMPLETED");
        assertThat(job.getMap("rows")).as(() -> CsvImport.rejects(api, job).prettify()).containsAllEntriesOf(Map.of("read", 1, "created", 1, "repaired", 1, "rejected", 0));
        assertThat(job.getList("warnings", String.class)).anyMatch(w -> w.contains(code));
        JsonPath contact = CsvImport.contact(api, "anna@example.com");
        assertThat(contact.getString("email")).isEqualTo("anna@example.com");
        assertThat(contact.getString("firstName")).isEqualTo(firstName);
        assertThat(contact.getString("lastName")).isEqualTo(lastName);

        JsonPath repairs = api.request().get("/api/v1/contacts/imports/" + job.getString("id") + "/repairs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(repairs.getList("items")).hasSize(1);
        assertThat(repairs.getLong("items[0].line")).isEqualTo(2);
        assertThat(repairs.getString("items[0].email")).isEqualTo("anna@example.com");
        assertThat(repairs.getString("items[0].raw")).containsIgnoringCase("anna@example.com");
        assertThat(repairs.getList("items[0].changes.code", String.class)).contains(code);
    }
}
