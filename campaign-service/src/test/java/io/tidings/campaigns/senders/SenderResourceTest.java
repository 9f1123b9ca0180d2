package io.tidings.campaigns.senders;

import static io.tidings.campaigns.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class SenderResourceTest {

    @Test
    void createsSenderAndReadsItBack() {
        String project = TestTokens.newProjectId();
        String id = as(project).body(Api.senderBody()).post("/api/v1/senders").then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("name", equalTo("Newsletter"))
                .body("fromEmail", equalTo("news@tidings.example"))
                .body("fromName", equalTo("Tidings News"))
                .body("replyTo", equalTo("hello@tidings.example"))
                .body("rate.limit", equalTo(35)).body("rate.per", equalTo("PT1H")).body("rate.burst", equalTo(1))
                .body("blockedReason", nullValue())
                .body("createdAt", notNullValue())
                .extract().path("id");

        as(project).get("/api/v1/senders/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("rate.per", equalTo("PT1H"));
    }

    @Test
    void burstDefaultsToOneSecondOfTokensAtLeastOne() {
        String project = TestTokens.newProjectId();
        as(project).body(withRate(Map.of("limit", 35, "per", "PT1H"))).post("/api/v1/senders").then()
                .statusCode(201).body("rate.burst", equalTo(1));
        as(project).body(withRate(Map.of("limit", 600, "per", "PT1M"))).post("/api/v1/senders").then()
                .statusCode(201).body("rate.burst", equalTo(10));
        as(project).body(withRate(Map.of("limit", 25, "per", "PT10S"))).post("/api/v1/senders").then()
                .statusCode(201).body("rate.burst", equalTo(3));
    }

    @Test
    void rejectsAddressesThatAreNotAddresses() {
        Map<String, Object> body = new HashMap<>(Api.senderBody());
        body.put("fromEmail", "anna@example.com;Anna;Schmidt");
        body.put("replyTo", "nobody");
        as(TestTokens.newProjectId()).body(body).post("/api/v1/senders").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/senders"))
                .body("errors.field", contains("fromEmail", "replyTo"));
    }

    @Test
    void rejectsRateWithoutPositiveDurationOrLimit() {
        String project = TestTokens.newProjectId();
        as(project).body(withRate(Map.of("limit", 35, "per", "an hour"))).post("/api/v1/senders").then()
                .statusCode(400).body("errors.field", contains("rate.per"));
        as(project).body(withRate(Map.of("limit", 35, "per", "-PT1H"))).post("/api/v1/senders").then()
                .statusCode(400).body("errors.field", contains("rate.per"));
        as(project).body(withRate(Map.of("limit", 0, "per", "PT1H"))).post("/api/v1/senders").then()
                .statusCode(400).body("errors.field", contains("rate.limit"));
        as(project).body(withRate(Map.of("per", "PT1H"))).post("/api/v1/senders").then()
                .statusCode(400).body("errors.field", contains("rate.limit"));
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        as(TestTokens.newProjectId()).body("{\"name\": \"News\", ").post("/api/v1/senders").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("errors[0].field", equalTo("body"));
        as(TestTokens.newProjectId()).body("{\"name\": \"News\", \"rate\": {\"limit\": \"many\"}}")
                .post("/api/v1/senders").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("rate.limit"));
    }

    @Test
    void lineBreaksInNamesAre422NamingTheField() {
        Map<String, Object> body = new HashMap<>(Api.senderBody());
        body.put("fromName", "Tidings\r\nBcc: everyone@example.com");
        as(TestTokens.newProjectId()).body(body).post("/api/v1/senders").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unprocessable"))
                .body("errors.field", contains("fromName"));
        body.put("fromName", "Tidings");
        body.put("name", "News\u0000");
        as(TestTokens.newProjectId()).body(body).post("/api/v1/senders").then()
                .statusCode(422).body("errors.field", contains("name"));
    }

    @Test
    void unknownSenderIs404Problem() {
        as(TestTokens.newProjectId()).get("/api/v1/senders/" + UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:not-found"));
        as(TestTokens.newProjectId()).get("/api/v1/senders/not-an-id").then().statusCode(404);
    }

    @Test
    void listsSendersByKeysetPages() {
        String project = TestTokens.newProjectId();
        List<String> ids = List.of(Api.createSender(project), Api.createSender(project), Api.createSender(project));

        String next = as(project).queryParam("limit", 2).get("/api/v1/senders").then().statusCode(200)
                .body("items.id", contains(ids.get(0), ids.get(1)))
                .body("next", equalTo(ids.get(1)))
                .extract().path("next");
        as(project).queryParam("limit", 2).queryParam("after", next).get("/api/v1/senders").then().statusCode(200)
                .body("items.id", contains(ids.get(2)))
                .body("next", nullValue());
        as(project).get("/api/v1/senders").then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void limitAboveMaximumIs400() {
        as(TestTokens.newProjectId()).queryParam("limit", 1001).get("/api/v1/senders").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private static Map<String, Object> withRate(Map<String, Object> rate) {
        Map<String, Object> body = new HashMap<>(Api.senderBody());
        body.put("rate", rate);
        return body;
    }
}
