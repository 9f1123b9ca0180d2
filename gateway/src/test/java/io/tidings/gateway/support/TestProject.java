package io.tidings.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** A project made through the admin API for one test, with its first key. */
public record TestProject(UUID id, UUID keyId, String key) {
    /** The admin token of the %test profile. */
    public static final String ADMIN_TOKEN = "test-admin-token";

    public static TestProject create() {
        JsonPath created = given()
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Test project " + UUID.randomUUID()))
                .when().post("/api/v1/admin/projects")
                .then().statusCode(201)
                .extract().jsonPath();
        return new TestProject(UUID.fromString(created.getString("id")),
                UUID.fromString(created.getString("apiKey.id")), created.getString("apiKey.key"));
    }

    /** Issues another key of this project, returned as the same project holding the new key. */
    public TestProject anotherKey() {
        JsonPath issued = given()
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .when().post("/api/v1/admin/projects/" + id + "/keys")
                .then().statusCode(201)
                .extract().jsonPath();
        return new TestProject(id, UUID.fromString(issued.getString("id")), issued.getString("key"));
    }

    public void revoke() {
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .when().delete("/api/v1/admin/projects/" + id + "/keys/" + keyId)
                .then().statusCode(204);
    }

    public String bearer() {
        return "Bearer " + key;
    }
}
