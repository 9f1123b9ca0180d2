package io.tidings.contacts.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class ContactResourceTest {

    @Test
    void createsContactWithNormalisedAddress() {
        ProjectApi api = ProjectApi.fresh();
        api.json().body(Map.of("email", "Jules@Bücher.example", "firstName", "Jules", "lastName", "Verne",
                        "fields", Map.of("city", "Nantes", "age", 42), "tags", List.of("vip", "newsletter", "vip")))
                .post("/api/v1/contacts")
                .then().statusCode(201)
                .header("Location", startsWith("/api/v1/contacts/"))
                .body("email", equalTo("Jules@Bücher.example"))
                .body("normalizedEmail", equalTo("jules@xn--bcher-kva.example"))
                .body("firstName", equalTo("Jules"))
                .body("fields.city", equalTo("Nantes"))
                .body("fields.age", equalTo(42))
                .body("tags", contains("newsletter", "vip"))
                .body("status", equalTo("SUBSCRIBED"))
                .body("createdAt", containsString("T"));
    }

    @Test
    void createRefusesAddressAlreadyInProjectWith409() {
        ProjectApi api = ProjectApi.fresh();
        api.createContact("anna@example.com");
        api.json().body(Map.of("email", " ANNA@Example.COM "))
                .post("/api/v1/contacts")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:conflict"))
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void sameAddressInAnotherProjectIsAnotherContact() {
        ProjectApi.fresh().createContact("shared@example.com");
        ProjectApi.fresh().createContact("shared@example.com");
    }

    @Test
    void createRejectsInvalidAddressNamingTheField() {
        ProjectApi api = ProjectApi.fresh();
        api.json().body(Map.of("email", "anna@localhost"))
                .post("/api/v1/contacts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/contacts"))
                .body("errors[0].field", equalTo("email"))
                .body("errors[0].message", containsString("LOCALHOST"));
    }

    @Test
    void malformedJsonAndWrongTypesAre400NamingTheField() {
        ProjectApi api = ProjectApi.fresh();
        api.json().body("{\"email\": ").post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        api.json().body("{\"email\": \"a@example.com\", \"status\": \"ASLEEP\"}").post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        api.json().body("{\"email\": \"a@example.com\", \"fields\": {\"nested\": {\"x\": 1}}}").post("/api/v1/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("fields.nested"));
        api.json().body("{\"email\": \"a@example.com\", \"tags\": [\"ok\", \" \"]}").post("/api/v1/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("tags[1]"));
    }

    @Test
    void readsPatchesAndErasesContact() {
        ProjectApi api = ProjectApi.fresh();
        String id = api.json().body(Map.of("email", "mara@example.com", "firstName", "Mara", "lastName", "Lind",
                        "fields", Map.of("city", "Oslo", "plan", "free"), "tags", List.of("a")))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");

        api.request().get("/api/v1/contacts/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("lastName", equalTo("Lind"));

        api.json().body("{\"lastName\": null, \"fields\": {\"plan\": \"pro\", \"city\": null}, \"tags\": [\"b\", \"c\"],"
                        + " \"status\": \"UNSUBSCRIBED\"}")
                .patch("/api/v1/contacts/" + id)
                .then().statusCode(200)
                .body("firstName", equalTo("Mara"))
                .body("lastName", nullValue())
                .body("fields", equalTo(Map.of("plan", "pro")))
                .body("tags", contains("b", "c"))
                .body("status", equalTo("UNSUBSCRIBED"));

        api.request().contentType("application/merge-patch+json").body("{\"firstName\": \"Mara J.\"}")
                .patch("/api/v1/contacts/" + id)
                .then().statusCode(200).body("firstName", equalTo("Mara J.")).body("tags", contains("b", "c"));

        api.json().body("{\"email\": \"other@example.com\"}").patch("/api/v1/contacts/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("email"));

        api.request().delete("/api/v1/contacts/" + id).then().statusCode(204);
        api.request().get("/api/v1/contacts/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:not-found"));
        api.request().delete("/api/v1/contacts/" + id).then().statusCode(404);
    }

    @Test
    void unknownOrMalformedIdIs404() {
        ProjectApi api = ProjectApi.fresh();
        api.request().get("/api/v1/contacts/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9").then().statusCode(404);
        api.request().get("/api/v1/contacts/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        api.json().body("{\"firstName\": \"X\"}").patch("/api/v1/contacts/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
                .then().statusCode(404);
    }

    @Test
    void listsContactsInKeysetPages() {
        ProjectApi api = ProjectApi.fresh();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.createContact("page" + i + "@example.com"));
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = api.request().queryParam("limit", 2);
            if (next != null) {
                request.queryParam("after", next);
            }
            var page = request.get("/api/v1/contacts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersListByTagAndStatus() {
        ProjectApi api = ProjectApi.fresh();
        String vip = api.createContact("vip@example.com", "vip");
        api.createContact("plain@example.com", "other");
        String gone = api.createContact("gone@example.com", "vip");
        api.json().body("{\"status\": \"BOUNCED\"}").patch("/api/v1/contacts/" + gone).then().statusCode(200);

        api.request().queryParam("tag", "vip").get("/api/v1/contacts")
                .then().statusCode(200).body("items.id", containsInAnyOrder(vip, gone));
        api.request().queryParam("tag", "vip").queryParam("status", "SUBSCRIBED").get("/api/v1/contacts")
                .then().body("items.id", contains(vip)).body("next", nullValue());
        api.request().queryParam("status", "COMPLAINED").get("/api/v1/contacts").then().body("items", empty());
        api.request().queryParam("status", "ASLEEP").get("/api/v1/contacts")
                .then().statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void listRejectsLimitAboveMaximumAndBadCursor() {
        ProjectApi api = ProjectApi.fresh();
        api.request().queryParam("limit", 1001).get("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        api.request().queryParam("limit", "many").get("/api/v1/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        api.request().queryParam("after", "xyz").get("/api/v1/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
    }
}
