package io.tidings.contacts;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tidings.testing.TestTokens;
import java.util.List;
import java.util.Map;

/** Requests as one project (a fresh one per test), signed like the gateway signs them. */
public final class ProjectApi {
    private final String projectId;

    private ProjectApi(String projectId) {
        this.projectId = projectId;
    }

    public static ProjectApi fresh() {
        return new ProjectApi(TestTokens.newProjectId());
    }

    public String projectId() {
        return projectId;
    }

    /** A public-API request (group {@code project}). */
    public RequestSpecification request() {
        return given().auth().oauth2(TestTokens.project(projectId));
    }

    public RequestSpecification json() {
        return request().contentType(ContentType.JSON);
    }

    /** An internal request as campaign-service makes it (group {@code service}). */
    public RequestSpecification service() {
        return given().auth().oauth2(TestTokens.service(projectId, "campaign-service"));
    }

    /** Creates a contact and returns its id. */
    public String createContact(String email, String... tags) {
        return json().body(Map.of("email", email, "tags", List.of(tags)))
                .post("/api/v1/contacts")
                .then().statusCode(201)
                .extract().path("id");
    }
}
