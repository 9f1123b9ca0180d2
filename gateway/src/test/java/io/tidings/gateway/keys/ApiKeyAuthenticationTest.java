package io.tidings.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tidings.gateway.support.GatewayHttp;
import io.tidings.gateway.support.TestProject;
import io.tidings.gateway.support.UpstreamsResource;
import io.tidings.testing.PostgresResource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class ApiKeyAuthenticationTest {

    @Test
    void missingKeyIsUnauthorizedProblemAndNothingIsForwarded() {
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path).GET().build());

        assertUnauthorizedProblem(answer, path);
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
    }

    @Test
    void malformedKeysAreUnauthorizedProblemsAndNothingIsForwarded() {
        String path = "/api/v1/campaigns/" + UUID.randomUUID();
        String wellFormedButShort = "Bearer tk_" + "a".repeat(42);
        for (String authorization : new String[] {"Bearer", "Bearer nonsense", wellFormedButShort,
                "Basic dGtfOmFiYw==", "tk_" + "a".repeat(43)}) {
            HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                    .header("Authorization", authorization).GET().build());
            assertUnauthorizedProblem(answer, path);
        }
        assertThat(UpstreamsResource.campaigns().requestsTo(path)).isEmpty();
    }

    @Test
    void unknownKeyIsUnauthorizedProblemAndItsUploadIsNotForwarded() {
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", "Bearer " + ApiKeySecret.generate().value())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("email\nanna@example.com\n")).build());

        assertUnauthorizedProblem(answer, path);
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
    }

    @Test
    void revokedKeyIsUnauthorizedProblemAndNothingIsForwarded() {
        TestProject project = TestProject.create();
        TestProject revoked = project.anotherKey();
        revoked.revoke();
        String path = "/api/v1/segments/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", revoked.bearer()).GET().build());

        assertUnauthorizedProblem(answer, path);
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
        HttpResponse<String> stillWorks = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer()).GET().build());
        assertThat(stillWorks.statusCode()).isEqualTo(200);
    }

    @Test
    void keySchemeIsCaseInsensitive() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", "bearer " + project.key()).GET().build());

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> answer, String path) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        JsonPath problem = JsonPath.from(answer.body());
        assertThat(problem.getString("type")).isEqualTo("urn:tidings:problem:unauthorized");
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.getString("instance")).isEqualTo(path);
        assertThat(problem.getString("detail")).isNotBlank();
    }
}
