package io.tidings.contacts.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What campaign-service streams at expansion: GET /internal/segments/{id} and its keyset member pages. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class InternalSegmentResourceTest {

    @Test
    void membersHaveTheFixtureFieldsAndPageByContactId() {
        ProjectApi api = ProjectApi.fresh();
        api.json().body(Map.of("email", "Jules@Bücher.example", "firstName", "Jules", "tags", List.of("newsletter")))
                .post("/api/v1/contacts").then().statusCode(201);
        api.json().body(Map.of("email", "anna.schmidt@example.com", "firstName", "Anna", "lastName", "Schmidt",
                "fields", Map.of("city", "Berlin"), "tags", List.of("newsletter"))).post("/api/v1/contacts");
        api.createContact("other@example.com", "events");
        String segmentId = segment(api, "newsletter");

        JsonPath segment = api.service().get("/internal/segments/" + segmentId)
                .then().statusCode(200).extract().jsonPath();
        JsonPath segmentFixture = new JsonPath(Contracts.fixture("http/segment.v1.json"));
        assertThat(segment.getMap("$")).containsOnlyKeys(segmentFixture.getMap("$").keySet());
        assertThat(segment.getInt("memberCount")).isEqualTo(2);

        JsonPath first = members(api, segmentId, null, 1);
        JsonPath fixture = new JsonPath(Contracts.fixture("http/segment-members.v1.json"));
        assertThat(first.getMap("$")).containsOnlyKeys(fixture.getMap("$").keySet());
        assertThat(first.getMap("items[0]")).containsOnlyKeys(fixture.getMap("items[0]").keySet());
        assertThat(first.getString("next")).isEqualTo(first.getString("items[0].contactId"));

        JsonPath second = members(api, segmentId, first.getString("next"), 1);
        JsonPath last = members(api, segmentId, second.getString("next"), 1);
        assertThat(last.getList("items")).isEmpty();
        assertThat(last.getString("next")).isNull();

        List<Map<String, Object>> all = new ArrayList<>(first.getList("items"));
        all.addAll(second.getList("items"));
        assertThat(all).extracting(m -> m.get("normalizedEmail"))
                .containsExactlyInAnyOrder("jules@xn--bcher-kva.example", "anna.schmidt@example.com");
        Map<String, Object> anna = all.stream().filter(m -> m.get("lastName") != null).findFirst().orElseThrow();
        assertThat(anna.get("fields")).isEqualTo(Map.of("city", "Berlin"));
        assertThat(all).extracting(m -> (String) m.get("contactId")).isSorted();
    }

    @Test
    void streamsALargeSegmentPageByPage() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        insertContacts(UUID.fromString(api.projectId()), 12_000);
        String segmentId = segment(api, "bulk");

        List<String> ids = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonPath page = members(api, segmentId, next, 5000);
            ids.addAll(page.getList("items.contactId"));
            next = page.getString("next");
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(12_000).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void refusesPageLargerThan5000() {
        ProjectApi api = ProjectApi.fresh();
        String segmentId = segment(api, "any");
        api.service().queryParam("limit", 5001).get("/internal/segments/" + segmentId + "/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void internalEndpointsNeedAServiceToken() {
        ProjectApi api = ProjectApi.fresh();
        String segmentId = segment(api, "any");
        api.request().get("/internal/segments/" + segmentId)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:forbidden"));
        api.service().get("/api/v1/segments/" + segmentId).then().statusCode(403);
    }

    private static String segment(ProjectApi api, String tag) {
        return api.json().body(Map.of("name", tag, "filter", Map.of("tagsAll", List.of(tag))))
                .post("/api/v1/segments").then().statusCode(201).extract().path("id");
    }

    private static JsonPath members(ProjectApi api, String segmentId, String after, int limit) {
        var request = api.service().queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get("/internal/segments/" + segmentId + "/members").then().statusCode(200).extract().jsonPath();
    }

    private static void insertContacts(UUID projectId, int count) throws Exception {
        try (Connection db = PostgresResource.current().connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO contacts.contact"
                        + " (id, project_id, email, normalized_email, tags)"
                        + " SELECT gen_random_uuid(), ?, 'bulk' || n || '@example.com', 'bulk' || n || '@example.com',"
                        + " ARRAY['bulk'] FROM generate_series(1, ?) AS n")) {
            insert.setObject(1, projectId);
            insert.setInt(2, count);
            insert.executeUpdate();
        }
    }
}
