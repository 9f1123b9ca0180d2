package io.tidings.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tidings.gateway.support.GatewayHttp;
import io.tidings.gateway.support.RecordedRequest;
import io.tidings.gateway.support.ServiceTokenVerifier;
import io.tidings.gateway.support.TestProject;
import io.tidings.gateway.support.UpstreamsResource;
import io.tidings.testing.PostgresResource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class ForwardingTest {

    @Test
    void forwardsMethodPathQueryBodyAndContentType() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();
        byte[] csv = "email,firstName\nanna@example.com,Anna\nbé@example.com,Bé\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path + "?tags=a,b&dryRun=true&x=%2F")
                .header("Authorization", project.bearer())
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordedRequest received = single(UpstreamsResource.contacts().requestsTo(path));
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawQuery()).isEqualTo("tags=a,b&dryRun=true&x=%2F");
        assertThat(received.bodyHead()).isEqualTo(csv);
        assertThat(received.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(csv.length));
    }

    @Test
    void replacesTheApiKeyWithAVerifiableServiceToken() throws Exception {
        TestProject project = TestProject.create();
        String path = "/api/v1/campaigns/" + UUID.randomUUID();

        GatewayHttp.send(GatewayHttp.request(path).header("Authorization", project.bearer()).GET().build());

        RecordedRequest received = single(UpstreamsResource.campaigns().requestsTo(path));
        JwtClaims claims = ServiceTokenVerifier.verify(received.header("Authorization"));
        assertThat(claims.getIssuer()).isEqualTo("tidings");
        assertThat(claims.getAudience()).containsExactly("tidings-services");
        assertThat(claims.getSubject()).isEqualTo("api-key:" + project.keyId());
        assertThat(claims.getStringClaimValue("project")).isEqualTo(project.id().toString());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("project");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isBetween(1L, 60L);
        assertThat(received.headers().values()).flatMap(values -> values)
                .noneMatch(value -> value.contains(project.key()));
    }

    @Test
    void eachProjectsKeyCarriesItsOwnProjectClaim() throws Exception {
        TestProject one = TestProject.create();
        TestProject two = TestProject.create();
        String pathOne = "/api/v1/senders/" + UUID.randomUUID();
        String pathTwo = "/api/v1/senders/" + UUID.randomUUID();

        GatewayHttp.send(GatewayHttp.request(pathOne).header("Authorization", one.bearer()).GET().build());
        GatewayHttp.send(GatewayHttp.request(pathTwo).header("Authorization", two.bearer()).GET().build());

        assertThat(projectClaim(single(UpstreamsResource.campaigns().requestsTo(pathOne))))
                .isEqualTo(one.id().toString());
        assertThat(projectClaim(single(UpstreamsResource.campaigns().requestsTo(pathTwo))))
                .isEqualTo(two.id().toString());
    }

    @Test
    void routesEachPrefixToTheServiceThatOwnsIt() {
        TestProject project = TestProject.create();
        String id = UUID.randomUUID().toString();
        Map<String, String> owners = Map.of(
                "/api/v1/contacts/" + id, "contacts-service",
                "/api/v1/segments/" + id, "contacts-service",
                "/api/v1/senders/" + id, "campaign-service",
                "/api/v1/campaigns/" + id, "campaign-service");

        owners.forEach((path, owner) -> {
            HttpResponse<String> answer = GatewayHttp.send(
                    GatewayHttp.request(path).header("Authorization", project.bearer()).GET().build());
            assertThat(answer.body()).isEqualTo("{\"service\":\"" + owner + "\",\"path\":\"" + path + "\"}");
        });
        HttpResponse<String> lookalike = GatewayHttp.send(GatewayHttp.request("/api/v1/campaignsX/" + id)
                .header("Authorization", project.bearer()).GET().build());
        assertThat(lookalike.statusCode()).isEqualTo(404);
    }

    @Test
    void addsForwardedHeadersAndKeepsTheClientsRequestId() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer())
                .header("X-Request-Id", "client-chosen-42")
                .header("X-Forwarded-For", "203.0.113.7")
                .GET().build());

        RecordedRequest received = single(UpstreamsResource.contacts().requestsTo(path));
        assertThat(received.header("X-Request-Id")).isEqualTo("client-chosen-42");
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("client-chosen-42");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost:" + RestAssured.port);
        assertThat(received.header("Host")).isEqualTo(UpstreamsResource.contacts().url().substring("http://".length()));
    }

    @Test
    void makesUpARequestIdWhenTheClientSentNone() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(
                GatewayHttp.request(path).header("Authorization", project.bearer()).GET().build());

        String requestId = single(UpstreamsResource.contacts().requestsTo(path)).header("X-Request-Id");
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(answer.headers().firstValue("X-Request-Id")).contains(requestId);
    }

    @Test
    void keepsHopByHopHeadersOnTheirOwnHop() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/" + UUID.randomUUID();

        RestAssured.given()
                .header("Authorization", project.bearer())
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "only for the gateway")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("TE", "trailers")
                .header("X-End-To-End", "kept")
                .when().get(path)
                .then().statusCode(200);

        RecordedRequest received = single(UpstreamsResource.contacts().requestsTo(path));
        assertThat(received.header("X-End-To-End")).isEqualTo("kept");
        assertThat(received.headers()).doesNotContainKeys("x-hop-secret", "keep-alive", "proxy-authorization", "te");
    }

    @Test
    void passesTheUpstreamsStatusHeadersAndProblemBodyBack() {
        TestProject project = TestProject.create();
        String path = "/api/v1/campaigns/" + UUID.randomUUID() + "/send";
        String problem = "{\"type\":\"urn:tidings:problem:unprocessable\",\"title\":\"Unprocessable content\","
                + "\"status\":422,\"detail\":\"template error at {contact.nme}\",\"instance\":\"" + path + "\"}";
        UpstreamsResource.campaigns().answerAt(path, exchange -> {
            byte[] body = problem.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().set("X-Upstream-Trace", "abc-123");
            exchange.getResponseHeaders().set("Keep-Alive", "timeout=99");
            exchange.sendResponseHeaders(422, body.length);
            exchange.getResponseBody().write(body);
        });

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer())
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.headers().firstValue("X-Upstream-Trace")).contains("abc-123");
        assertThat(answer.headers().firstValue("Keep-Alive")).isEmpty();
        assertThat(answer.body()).isEqualTo(problem);
    }

    @Test
    void forwardsUnsubscribePagesWithoutKeyOrToken() {
        String token = UUID.randomUUID().toString();
        HttpResponse<String> page = GatewayHttp.send(GatewayHttp.request("/u/" + token + "?lang=de").GET().build());
        HttpResponse<String> oneClick = GatewayHttp.send(GatewayHttp.request("/u/" + token)
                .header("Authorization", "Bearer someone-elses-secret")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(oneClick.statusCode()).isEqualTo(200);
        List<RecordedRequest> received = UpstreamsResource.contacts().requestsTo("/u/" + token);
        assertThat(received).extracting(RecordedRequest::method).containsExactly("GET", "POST");
        assertThat(received.get(0).rawQuery()).isEqualTo("lang=de");
        assertThat(received.get(1).bodyText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(received).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String projectClaim(RecordedRequest request) throws Exception {
        return ServiceTokenVerifier.verify(request.header("Authorization")).getStringClaimValue("project");
    }
}
