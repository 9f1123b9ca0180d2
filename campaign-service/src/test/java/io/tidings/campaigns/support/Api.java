package io.tidings.campaigns.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tidings.testing.TestTokens;
import java.util.Map;
import java.util.UUID;

/** Calls the public API as a project would through the gateway, and makes test senders and campaigns. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String projectId) {
        return given().auth().oauth2(TestTokens.project(projectId)).contentType(ContentType.JSON);
    }

    public static Map<String, Object> senderBody() {
        return Map.of("name", "Newsletter", "fromEmail", "news@tidings.example", "fromName", "Tidings News",
                "replyTo", "hello@tidings.example", "rate", Map.of("limit", 35, "per", "PT1H", "burst", 1));
    }

    public static Map<String, Object> campaignBody(String senderId, UUID segmentId) {
        return Map.of("name", "November news", "senderId", senderId, "segmentId", segmentId.toString(),
                "subject", "Hello {contact.firstName ?: 'reader'}",
                "textBody", "Dear {contact.firstName} {contact.lastName},\nnews from {contact.fields.city}.",
                "htmlBody", "<p>Dear {contact.firstName},</p>");
    }

    public static String createSender(String projectId) {
        return as(projectId).body(senderBody()).post("/api/v1/senders").then().statusCode(201)
                .extract().path("id");
    }

    public static String createCampaign(String projectId, UUID segmentId) {
        String senderId = createSender(projectId);
        return as(projectId).body(campaignBody(senderId, segmentId)).post("/api/v1/campaigns").then().statusCode(201)
                .extract().path("id");
    }

    public static JsonPath campaign(String projectId, String campaignId) {
        return as(projectId).get("/api/v1/campaigns/" + campaignId).then().statusCode(200).extract().jsonPath();
    }

    public static String state(String projectId, String campaignId) {
        return campaign(projectId, campaignId).getString("state");
    }

    public static long count(String projectId, String campaignId, String status) {
        return campaign(projectId, campaignId).getLong("counts." + status);
    }
}
