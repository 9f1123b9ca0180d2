package io.tidings.gateway.projects;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tidings.gateway.support.ServiceTokenVerifier;
import io.tidings.gateway.support.TestProject;
import io.tidings.gateway.support.UpstreamsResource;
import io.tidings.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class ProjectResourceTest {
    private static final String ADMIN = "Bearer " + TestProject.ADMIN_TOKEN;

    @Test
    void createsProjectWithFirstKeyThatOpensTheApi() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        JsonPath created = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "  Newsletter  "))
                .when().post("/api/v1/admin/projects")
                .then().statusCode(201).contentType(ContentType.JSON)
                .extract().jsonPath();

        UUID projectId = UUID.fromString(created.getString("id"));
        String key = created.getString("apiKey.key");
        assertThat(created.getString("name")).isEqualTo("Newsletter");
        assertThat(Instant.parse(created.getString("createdAt"))).isAfter(before);
        assertThat(key).matches("tk_[A-Za-z0-9_-]{43}");
        assertThat(created.getString("apiKey.prefix")).isEqualTo(key.substring(0, 10));
        assertThat(Instant.parse(created.getString("apiKey.createdAt"))).isAfter(before);

        String path = "/api/v1/campaigns/" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + key).when().get(path).then().statusCode(200);
        JwtClaims claims = ServiceTokenVerifier.verify(UpstreamsResource.campaigns().requestsTo(path).get(0)
                .header("Authorization"));
        assertThat(claims.getStringClaimValue("project")).isEqualTo(projectId.toString());
        assertThat(claims.getSubject()).isEqualTo("api-key:" + created.getString("apiKey.id"));
    }

    @Test
    void storesOnlyTheHashOfTheKey() throws Exception {
        TestProject project = TestProject.create();
        try (Connection db = PostgresResource.current().connect();
                PreparedStatement select = db.prepareStatement(
                        "SELECT project_id, key_hash, prefix, revoked_at FROM gateway.api_key WHERE id = ?")) {
            select.setObject(1, project.keyId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject("project_id")).isEqualTo(project.id());
                assertThat(row.getBytes("key_hash")).isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest(project.key().getBytes(StandardCharsets.US_ASCII)));
                assertThat(row.getString("prefix")).isEqualTo(project.key().substring(0, 10));
                assertThat(row.getObject("revoked_at")).isNull();
            }
        }
    }

    @Test
    void refusesWrongOrMissingAdminTokenWithProblem() {
        String name = "Never made " + UUID.randomUUID();
        for (String authorization : new String[] {"Bearer wrong-token", "Bearer " + TestProject.ADMIN_TOKEN + "x",
                "Basic " + TestProject.ADMIN_TOKEN}) {
            given().header("Authorization", authorization).contentType(ContentType.JSON).body(Map.of("name", name))
                    .when().post("/api/v1/admin/projects")
                    .then().statusCode(401)
                    .header("Content-Type", startsWith("application/problem+json"))
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("urn:tidings:problem:unauthorized"))
                    .body("status", equalTo(401))
                    .body("instance", equalTo("/api/v1/admin/projects"));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/v1/admin/projects")
                .then().statusCode(401).body("type", equalTo("urn:tidings:problem:unauthorized"));
        assertThat(projectsNamed(name)).isZero();
    }

    @Test
    void rejectsProjectWithoutNameNamingTheField() {
        for (String body : new String[] {"{}", "{\"name\": \"   \"}", "{\"name\": null}"}) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/admin/projects")
                    .then().statusCode(400)
                    .header("Content-Type", startsWith("application/problem+json"))
                    .body("type", equalTo("urn:tidings:problem:validation"))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("name"));
        }
    }

    @Test
    void rejectsMalformedOrMissingBodyAsValidationProblem() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/admin/projects")
                .then().statusCode(400)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("errors[0].field", equalTo("body"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": {\"a\": 1}}")
                .when().post("/api/v1/admin/projects")
                .then().statusCode(400)
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("errors[0].field", equalTo("name"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .when().post("/api/v1/admin/projects")
                .then().statusCode(400)
                .body("type", equalTo("urn:tidings:problem:validation"));
    }

    @Test
    void issuesFurtherKeysThatWorkSideBySide() {
        TestProject first = TestProject.create();
        TestProject second = first.anotherKey();
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(second.keyId()).isNotEqualTo(first.keyId());

        for (TestProject holder : new TestProject[] {first, second}) {
            given().header("Authorization", holder.bearer())
                    .when().get("/api/v1/segments/" + UUID.randomUUID())
                    .then().statusCode(200);
        }
    }

    @Test
    void issuingKeyForUnknownProjectIsNotFoundProblem() {
        given().header("Authorization", ADMIN)
                .when().post("/api/v1/admin/projects/" + UUID.randomUUID() + "/keys")
                .then().statusCode(404)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("type", equalTo("urn:tidings:problem:not-found"));
        given().header("Authorization", ADMIN)
                .when().post("/api/v1/admin/projects/not-a-uuid/keys")
                .then().statusCode(404)
                .body("type", equalTo("urn:tidings:problem:not-found"));
    }

    @Test
    void revokingKeyLocksItOutAtOnceAndIsIdempotent() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();
        given().header("Authorization", project.bearer()).when().get(path).then().statusCode(200);

        project.revoke();
        project.revoke();

        given().header("Authorization", project.bearer()).when().get(path)
                .then().statusCode(401).body("type", equalTo("urn:tidings:problem:unauthorized"));
        assertThat(UpstreamsResource.contacts().requestsTo(path)).hasSize(1);
    }

    @Test
    void revokingAnotherProjectsKeyIsNotFoundProblem() {
        TestProject owner = TestProject.create();
        TestProject stranger = TestProject.create();
        given().header("Authorization", ADMIN)
                .when().delete("/api/v1/admin/projects/" + stranger.id() + "/keys/" + owner.keyId())
                .then().statusCode(404).body("type", equalTo("urn:tidings:problem:not-found"));
        given().header("Authorization", owner.bearer())
                .when().get("/api/v1/contacts/" + UUID.randomUUID()).then().statusCode(200);
    }

    @Test
    void unsupportedMethodOnAdminCallIsMethodNotAllowedProblem() {
        given().header("Authorization", ADMIN)
                .when().get("/api/v1/admin/projects")
                .then().statusCode(405)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("type", equalTo("urn:tidings:problem:method-not-allowed"));
    }

    private static int projectsNamed(String name) {
        try (Connection db = PostgresResource.current().connect();
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM gateway.project WHERE name = ?")) {
            count.setString(1, name);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
