package io.tidings.campaigns.security;

import static io.restassured.RestAssured.given;
import static io.tidings.campaigns.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class ServiceTokenTest {

    @Test
    void missingTokenIs401Problem() {
        given().get("/api/v1/campaigns").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unauthorized"))
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(Api.senderBody()).post("/api/v1/senders").then().statusCode(401);
    }

    @Test
    void forgedTokenIs401Problem() {
        String token = TestTokens.project(TestTokens.newProjectId());
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        given().auth().oauth2(forged).get("/api/v1/senders").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unauthorized"));
    }

    @Test
    void serviceTokenMayNotCallPublicEndpointsIs403Problem() {
        given().auth().oauth2(TestTokens.service(TestTokens.newProjectId(), "delivery-service"))
                .get("/api/v1/senders").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:forbidden"));
    }

    @Test
    void anotherProjectGets404ForSenderCampaignAndRecipients() {
        String owner = TestTokens.newProjectId();
        String stranger = TestTokens.newProjectId();
        String sender = Api.createSender(owner);
        String campaign = Api.createCampaign(owner, FakeContactsService.segment(owner, 2));

        as(stranger).get("/api/v1/senders/" + sender).then().statusCode(404);
        as(stranger).post("/api/v1/senders/" + sender + "/unblock").then().statusCode(404);
        as(stranger).get("/api/v1/campaigns/" + campaign).then().statusCode(404);
        as(stranger).get("/api/v1/campaigns/" + campaign + "/recipients").then().statusCode(404);
        as(stranger).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(404);
        as(stranger).get("/api/v1/senders").then().statusCode(200).body("items.size()", equalTo(0));
        as(stranger).get("/api/v1/campaigns").then().statusCode(200).body("items.size()", equalTo(0));
        as(owner).get("/api/v1/campaigns/" + campaign).then().statusCode(200).body("state", equalTo("DRAFT"));
    }

    @Test
    void unknownPathIs404Problem() {
        as(TestTokens.newProjectId()).get("/api/v1/nothing/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
