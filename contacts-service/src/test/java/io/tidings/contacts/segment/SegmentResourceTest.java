package io.tidings.contacts.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Segments: filters over tags and status, member counts, keyset lists, and the shape of the contract fixture. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class SegmentResourceTest {

    @Test
    void countsMembersByTagsAndStatus() {
        ProjectApi api = ProjectApi.fresh();
        api.createContact("a@example.com", "newsletter", "de");
        api.createContact("b@example.com", "newsletter", "fr");
        api.createContact("c@example.com", "newsletter", "churned");
        api.createContact("d@example.com", "events");
        String bounced = api.createContact("e@example.com", "newsletter");
        api.json().body("{\"status\": \"BOUNCED\"}").patch("/api/v1/contacts/" + bounced).then().statusCode(200);

        assertThat(memberCount(api, Map.of("tagsAll", List.of("newsletter")))).isEqualTo(3);
        assertThat(memberCount(api, Map.of("tagsAll", List.of("newsletter"), "tagsNone", List.of("churned")))).isEqualTo(2);
        assertThat(memberCount(api, Map.of("tagsAny", List.of("de", "events")))).isEqualTo(2);
        assertThat(memberCount(api, Map.of("tagsAll", List.of("newsletter", "de")))).isEqualTo(1);
        assertThat(memberCount(api, Map.of("tagsAll", List.of("newsletter"), "status", List.of("SUBSCRIBED", "BOUNCED"))))
                .isEqualTo(4);
        assertThat(memberCount(api, Map.of())).as("everyone subscribed").isEqualTo(4);
    }

    @Test
    void createsSegmentWithDefaultStatusAndReadsItBackInTheContractShape() {
        ProjectApi api = ProjectApi.fresh();
        api.createContact("anna@example.com", "newsletter");

        String id = api.json().body(Map.of("name", "Newsletter readers", "filter", Map.of("tagsAll", List.of("newsletter"))))
                .post("/api/v1/segments")
                .then().statusCode(201)
                .header("Location", startsWith("/api/v1/segments/"))
                .body("filter.status", contains("SUBSCRIBED"))
                .body("memberCount", equalTo(1))
                .extract().path("id");

        JsonPath segment = api.request().get("/api/v1/segments/" + id).then().statusCode(200).extract().jsonPath();
        JsonPath fixture = new JsonPath(Contracts.fixture("http/segment.v1.json"));
        assertThat(segment.getMap("$")).containsOnlyKeys(fixture.getMap("$").keySet());
        assertThat(segment.getMap("filter")).containsOnlyKeys(fixture.getMap("filter").keySet());
        assertThat(segment.getString("name")).isEqualTo("Newsletter readers");
        assertThat(segment.getInt("memberCount")).isEqualTo(1);
    }

    @Test
    void listsSegmentsInKeysetPages() {
        ProjectApi api = ProjectApi.fresh();
        for (int i = 0; i < 3; i++) {
            api.json().body(Map.of("name", "s" + i)).post("/api/v1/segments").then().statusCode(201);
        }
        String next = api.request().queryParam("limit", 2).get("/api/v1/segments")
                .then().statusCode(200).body("items.name", hasItems("s0", "s1")).extract().path("next");
        api.request().queryParam("limit", 2).queryParam("after", next).get("/api/v1/segments")
                .then().body("items.name", contains("s2")).body("next", nullValue());
    }

    @Test
    void refusesInvalidSegmentsNamingTheField() {
        ProjectApi api = ProjectApi.fresh();
        api.json().body(Map.of("filter", Map.of())).post("/api/v1/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        api.json().body(Map.of("name", "x", "filter", Map.of("status", List.of()))).post("/api/v1/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter.status"));
        api.json().body(Map.of("name", "x", "filter", Map.of("status", List.of("GONE")))).post("/api/v1/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter.status"));
        api.json().body(Map.of("name", "x", "filter", Map.of("tagsAny", List.of("")))).post("/api/v1/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter.tagsAny[0]"));
        api.json().body("{\"name\": \"x\", \"filter\": {\"tagsAll\": \"newsletter\"}}").post("/api/v1/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter.tagsAll"));
        api.request().get("/api/v1/segments/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static int memberCount(ProjectApi api, Map<String, Object> filter) {
        return api.json().body(Map.of("name", "segment", "filter", filter)).post("/api/v1/segments")
                .then().statusCode(201).extract().path("memberCount");
    }
}
