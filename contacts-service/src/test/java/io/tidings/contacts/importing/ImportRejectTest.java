package io.tidings.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rejection rule, one small file each: the row is refused with its line, raw text and reason; none is lost. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportRejectTest {
    private static final String HEADER = "email,first_name,last_name\nok@example.com,Ok,Row\n";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '~', textBlock = """
            ,Anna,Schmidt                                     ~ MISSING_EMAIL
            anna.example.com,Anna,Schmidt                     ~ MISSING_AT
            anna@b@example.com,Anna,Schmidt                   ~ MULTIPLE_AT
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com,A,B ~ LOCAL_PART_LENGTH
            anna@example,Anna,Schmidt                         ~ DOMAIN_WITHOUT_DOT
            anna@[10.0.0.1],Anna,Schmidt                      ~ IP_LITERAL
            anna@10.0.0.1,Anna,Schmidt                        ~ IP_LITERAL
            anna@localhost,Anna,Schmidt                       ~ LOCALHOST
            anna@mail.localhost,Anna,Schmidt                  ~ LOCALHOST
            "anna schmidt@example.com",Anna,Schmidt           ~ WHITESPACE
            anna(work)@example.com,Anna,Schmidt               ~ INVALID_CHARACTER
            anna..schmidt@example.com,Anna,Schmidt            ~ INVALID_EMAIL
            anna@exa_mple.com,Anna,Schmidt                    ~ INVALID_EMAIL
            a@example.com;b@example.com,Anna,Schmidt          ~ SEVERAL_ADDRESSES
            anna@example.com,Anna,Schmidt,surplus             ~ TOO_MANY_COLUMNS
            """)
    void rejectsRowWithReasonLineAndRawText(String line, String reason) {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, HEADER + line + "\n");

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 2, "created", 1, "rejected", 1));
        JsonPath rejects = CsvImport.rejects(api, job);
        assertThat(rejects.getList("items")).hasSize(1);
        assertThat(rejects.getMap("items[0]")).containsOnlyKeys("line", "raw", "reason", "message");
        assertThat(rejects.getLong("items[0].line")).isEqualTo(3);
        assertThat(rejects.getString("items[0].raw")).isEqualTo(line);
        assertThat(rejects.getString("items[0].reason")).isEqualTo(reason);
        assertThat(rejects.getString("items[0].message")).isNotBlank();
    }

    @Test
    void rejectsAddressLongerThan254Characters() {
        ProjectApi api = ProjectApi.fresh();
        String label = "d".repeat(50);
        String address = "a".repeat(64) + "@" + String.join(".", label, label, label, label) + ".com";

        JsonPath job = CsvImport.run(api, HEADER + address + ",A,B\n");

        assertThat(CsvImport.rejects(api, job).getString("items[0].reason")).isEqualTo("ADDRESS_TOO_LONG");
    }

    @Test
    void rejectsATagLongerThan100CharactersAndImportsTheRest() {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, "email,tags\nok@example.com,a;b\nlong@example.com," + "t".repeat(101) + "\n");

        assertThat(job.getMap("rows")).containsAllEntriesOf(Map.of("read", 2, "created", 1, "rejected", 1));
        assertThat(CsvImport.rejects(api, job).getString("items[0].reason")).isEqualTo("INVALID_TAG");
        assertThat(CsvImport.rejects(api, job).getLong("items[0].line")).isEqualTo(3);
    }

    @Test
    void rejectsNameLongerThanAllowed() {
        ProjectApi api = ProjectApi.fresh();

        JsonPath job = CsvImport.run(api, HEADER + "anna@example.com," + "N".repeat(300) + ",B\n");

        assertThat(CsvImport.rejects(api, job).getString("items[0].reason")).isEqualTo("VALUE_TOO_LONG");
    }

    @Test
    void keepsLineNumbersOfMultilineRecords() {
        ProjectApi api = ProjectApi.fresh();
        String csv = "email,first_name,note\nok@example.com,Ok,\"two\nlines\"\nbroken,Bad,x\n";

        JsonPath job = CsvImport.run(api, csv);

        assertThat(CsvImport.rejects(api, job).getLong("items[0].line")).isEqualTo(4);
        assertThat(CsvImport.contact(api, "ok@example.com").getString("fields.note")).isEqualTo("two\nlines");
    }

    @Test
    void pagesThroughRejectsByLine() {
        ProjectApi api = ProjectApi.fresh();
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 5; i++) {
            csv.append("bad").append(i).append('\n');
        }
        String id = CsvImport.run(api, csv.toString()).getString("id");
        String rejects = "/api/v1/contacts/imports/" + id + "/rejects";

        api.request().queryParam("limit", 2).get(rejects)
                .then().statusCode(200)
                .body("items.line", contains(2, 3))
                .body("next", equalTo("3"));
        api.request().queryParam("limit", 2).queryParam("after", "5").get(rejects)
                .then().body("items.line", contains(6)).body("next", nullValue());
        api.request().queryParam("limit", 5000).get(rejects)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
