package io.tidings.contacts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariant 6: project B reaches none of project A's contacts, segments or imports; each is a 404 to it. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class TenantIsolationTest {

    @Test
    void anotherProjectSeesNothingOfAProject() {
        ProjectApi a = ProjectApi.fresh();
        ProjectApi b = ProjectApi.fresh();
        String contact = a.createContact("anna@example.com", "vip");
        String segment = a.json().body(Map.of("name", "vips", "filter", Map.of("tagsAll", List.of("vip"))))
                .post("/api/v1/segments").then().statusCode(201).extract().path("id");
        String job = a.request().contentType("text/csv")
                .body("email\nbad\nmara@example.com\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/contacts/imports?wait=true").then().statusCode(200).extract().path("id");

        for (String path : List.of("/api/v1/contacts/" + contact, "/api/v1/segments/" + segment,
                "/api/v1/contacts/imports/" + job, "/api/v1/contacts/imports/" + job + "/rejects",
                "/api/v1/contacts/imports/" + job + "/repairs")) {
            b.request().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:tidings:problem:not-found"));
        }
        b.json().body("{\"firstName\": \"Mallory\"}").patch("/api/v1/contacts/" + contact).then().statusCode(404);
        b.request().delete("/api/v1/contacts/" + contact).then().statusCode(404);
        b.service().get("/internal/segments/" + segment).then().statusCode(404);
        b.service().get("/internal/segments/" + segment + "/members").then().statusCode(404);
        assertThat(b.request().get("/api/v1/contacts").then().extract().jsonPath().getList("items")).isEmpty();
        assertThat(b.request().get("/api/v1/segments").then().extract().jsonPath().getList("items")).isEmpty();

        a.request().get("/api/v1/contacts/" + contact).then().statusCode(200).body("firstName", equalTo(null));
        assertThat(a.request().get("/api/v1/contacts").then().extract().jsonPath().getList("items")).hasSize(2);
    }

    @Test
    void sameAddressImportedIntoTwoProjectsStaysTwoContacts() {
        ProjectApi a = ProjectApi.fresh();
        ProjectApi b = ProjectApi.fresh();
        byte[] csv = "email,first_name\nshared@example.com,A\n".getBytes(StandardCharsets.UTF_8);
        a.request().contentType("text/csv").body(csv).post("/api/v1/contacts/imports?wait=true")
                .then().body("rows.created", equalTo(1));
        b.request().contentType("text/csv").body(csv).post("/api/v1/contacts/imports?wait=true")
                .then().body("rows.created", equalTo(1));
    }
}
