package io.tidings.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tidings.gateway.support.GatewayHttp;
import io.tidings.gateway.support.StandInService;
import io.tidings.gateway.support.TestProject;
import io.tidings.gateway.support.UpstreamsResource;
import io.tidings.testing.PostgresResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The answers the gateway gives itself, as problem+json: unknown routes, refused methods, upstream failures. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class GatewayAnswersTest {

    @Test
    void unknownApiRouteIsNotFoundProblemAndReachesNoService() {
        TestProject project = TestProject.create();
        String path = "/api/v1/mailboxes/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(
                GatewayHttp.request(path).header("Authorization", project.bearer()).GET().build());

        assertProblem(answer, 404, "not-found", path);
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
        assertThat(UpstreamsResource.campaigns().requestsTo(path)).isEmpty();
    }

    @Test
    void pathsNobodyServesAreNotFoundProblems() {
        assertProblem(GatewayHttp.send(GatewayHttp.request("/nothing/here").GET().build()), 404, "not-found",
                "/nothing/here");
        assertProblem(GatewayHttp.send(GatewayHttp.request("/api/v1/admin/nothing")
                        .header("Authorization", "Bearer " + TestProject.ADMIN_TOKEN).GET().build()),
                404, "not-found", "/api/v1/admin/nothing");
    }

    @Test
    void traceIsNotForwardedButMethodNotAllowedProblem() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer())
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());

        assertProblem(answer, 405, "method-not-allowed", path);
        assertThat(answer.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow)
                .contains("GET").doesNotContain("TRACE"));
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
    }

    @Test
    void upstreamThatRefusesConnectionsIsUnavailableProblemNamingTheService() {
        TestProject project = TestProject.create();
        String path = "/api/v1/campaigns/" + UUID.randomUUID();
        StandInService campaigns = UpstreamsResource.campaigns();
        campaigns.goDown();
        try {
            // a pooled connection may still be in the middle of closing; the next attempts meet the refusal
            await().atMost(Duration.ofSeconds(10)).until(() -> GatewayHttp.send(GatewayHttp.request(path)
                    .header("Authorization", project.bearer()).GET().build()).statusCode() == 503);
            HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                    .header("Authorization", project.bearer()).GET().build());
            assertProblem(answer, 503, "unavailable", path);
            assertThat(JsonPath.from(answer.body()).getString("detail")).contains("campaign-service");
        } finally {
            campaigns.comeBack();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer()).GET().build()).statusCode() == 200);
    }

    @Test
    void upstreamThatDoesNotAnswerInTimeIsGatewayTimeoutProblem() throws Exception {
        TestProject project = TestProject.create();
        String path = "/api/v1/campaigns/" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        UpstreamsResource.campaigns().answerAt(path, exchange -> release.await(30, TimeUnit.SECONDS));
        try {
            long started = System.nanoTime();
            HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                    .header("Authorization", project.bearer()).GET().build());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertProblem(answer, 504, "gateway-timeout", path);
            assertThat(JsonPath.from(answer.body()).getString("detail")).contains("campaign-service");
            assertThat(tookMillis).isBetween(1_900L, 10_000L); // %test upstream timeout: 2 s
        } finally {
            release.countDown();
        }
    }

    @Test
    void bodyDeclaredLargerThanTheLimitIsPayloadTooLargeProblem() throws Exception {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + project.bearer()
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 600000000\r\n\r\nemail\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
            assertThat(answer).contains("\"type\":\"urn:tidings:problem:payload-too-large\"");
        }
        assertThat(UpstreamsResource.contacts().requestsTo(path)).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String slug, String instance) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonPath problem = JsonPath.from(answer.body());
        assertThat(problem.getString("type")).isEqualTo("urn:tidings:problem:" + slug);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("instance")).isEqualTo(instance);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("io.vertx").doesNotContain("java.");
    }
}
