package io.tidings.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for any messy file the seeded generator makes, the import answers without a 5xx and reports exactly
 * the counts the generator knows it wrote (not merely counts that add up); imported again, every contact is
 * unchanged. A failing seed reproduces alone ({@code -Dtidings.property.seed=<seed> -Dtidings.property.tries=1}).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ImportPropertyTest {

    static LongStream seeds() {
        long base = Long.getLong("tidings.property.seed", 20261128L);
        return LongStream.range(base, base + Integer.getInteger("tidings.property.tries", 40));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCountEqualsWhatTheGeneratorWrote(long seed) {
        MessyCsv file = MessyCsv.generate(seed);
        ProjectApi api = ProjectApi.fresh();

        Response response = CsvImport.post(api, file.bytes, "text/csv", "wait=true");

        assertThat(response.statusCode()).as(file.description).isLessThan(500).isEqualTo(200);
        JsonPath job = response.jsonPath();
        assertThat(job.getString("state")).as(file.description).isEqualTo("COMPLETED");
        assertThat(job.getMap("rows")).as(() -> file.description + "\n" + CsvImport.rejects(api, job).prettify())
                .containsExactlyInAnyOrderEntriesOf(file.expected);
        Map<String, Integer> again = new HashMap<>(file.expected);
        again.put("created", 0);
        again.put("unchanged", file.expected.get("created"));
        JsonPath second = CsvImport.post(api, file.bytes, "text/csv", "wait=true").then().statusCode(200).extract().jsonPath();
        assertThat(second.getMap("rows")).as(file.description + ", imported again").containsExactlyInAnyOrderEntriesOf(again);
        if (file.latin1) {
            assertThat(job.getList("warnings", String.class)).as(file.description).anyMatch(w -> w.contains("Windows-1252"));
        }
    }
}
