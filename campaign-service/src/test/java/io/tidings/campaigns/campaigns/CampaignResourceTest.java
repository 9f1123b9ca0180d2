package io.tidings.campaigns.campaigns;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class CampaignResourceTest {

    @Test
    void createsDraftCampaignWithZeroCounts() {
        String project = TestTokens.newProjectId();
        String sender = Api.createSender(project);
        UUID segment = FakeContactsService.segment(project, 3);
        String id = as(project).body(Api.campaignBody(sender, segment)).post("/api/v1/campaigns").then()
                .statusCode(201)
                .body("state", equalTo("DRAFT"))
                .body("senderId", equalTo(sender))
                .body("segmentId", equalTo(segment.toString()))
                .body("subject", equalTo("Hello {contact.firstName ?: 'reader'}"))
                .body("counts.total", equalTo(0)).body("counts.pending", equalTo(0))
                .body("counts.unknown", equalTo(0))
                .body("projectId", nullValue())
                .extract().path("id");

        as(project).get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("DRAFT")).body("counts.sent", equalTo(0));
        as(project).get("/api/v1/campaigns").then().statusCode(200).body("items.id", contains(id));
        assertThat(FakeContactsService.rejectedTokens()).isZero();
    }

    @Test
    void senderOfAnotherProjectIs422() {
        String project = TestTokens.newProjectId();
        String foreignSender = Api.createSender(TestTokens.newProjectId());
        UUID segment = FakeContactsService.segment(project, 1);
        as(project).body(Api.campaignBody(foreignSender, segment)).post("/api/v1/campaigns").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unprocessable"))
                .body("errors.field", contains("senderId"));
    }

    @Test
    void segmentUnknownToContactsServiceIs422() {
        String project = TestTokens.newProjectId();
        String sender = Api.createSender(project);
        UUID segmentOfOtherProject = FakeContactsService.segment(TestTokens.newProjectId(), 1);
        as(project).body(Api.campaignBody(sender, UUID.randomUUID())).post("/api/v1/campaigns").then()
                .statusCode(422).body("errors.field", contains("segmentId"));
        as(project).body(Api.campaignBody(sender, segmentOfOtherProject)).post("/api/v1/campaigns").then()
                .statusCode(422).body("errors.field", contains("segmentId"));
    }

    @Test
    void unreachableContactsServiceIs503Problem() {
        String project = TestTokens.newProjectId();
        String sender = Api.createSender(project);
        as(project).body(Api.campaignBody(sender, FakeContactsService.unreachableSegment(project)))
                .post("/api/v1/campaigns").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unavailable"))
                .body("detail", containsString("contacts-service"));
    }

    @Test
    void missingSubjectAndBodiesAre400NamingTheFields() {
        String project = TestTokens.newProjectId();
        Map<String, Object> body = new HashMap<>(Api.campaignBody(Api.createSender(project), UUID.randomUUID()));
        body.remove("subject");
        body.remove("textBody");
        body.remove("htmlBody");
        body.put("senderId", "not-a-uuid");
        as(project).body(body).post("/api/v1/campaigns").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:validation"))
                .body("errors.field", contains("senderId", "subject", "textBody"));
    }

    @Test
    void templateSyntaxErrorIs422NamingFieldAndProblem() {
        String project = TestTokens.newProjectId();
        Map<String, Object> body = new HashMap<>(Api.campaignBody(Api.createSender(project),
                FakeContactsService.segment(project, 1)));
        body.put("textBody", "Dear {contact.firstName");
        as(project).body(body).post("/api/v1/campaigns").then()
                .statusCode(422)
                .body("errors.field", contains("textBody"))
                .body("errors[0].message", containsString("syntax error"))
                .body("errors[0].message", containsString("unterminated"))
                .body("detail", not(containsString("io.quarkus")));
    }

    @Test
    void templateRootOtherThanContactIs422() {
        String project = TestTokens.newProjectId();
        Map<String, Object> body = new HashMap<>(Api.campaignBody(Api.createSender(project),
                FakeContactsService.segment(project, 1)));
        body.put("htmlBody", "<p>{inject:mailer.password}</p>");
        body.put("subject", "Hi {user.name}");
        as(project).body(body).post("/api/v1/campaigns").then()
                .statusCode(422)
                .body("errors.field", contains("subject", "htmlBody"))
                .body("errors[0].message", containsString("unknown root 'user'"));
    }

    @Test
    void lineBreakInSubjectIs422() {
        String project = TestTokens.newProjectId();
        Map<String, Object> body = new HashMap<>(Api.campaignBody(Api.createSender(project),
                FakeContactsService.segment(project, 1)));
        body.put("subject", "Hello\r\nBcc: all@example.com");
        as(project).body(body).post("/api/v1/campaigns").then()
                .statusCode(422).body("errors.field", contains("subject"));
    }

    @Test
    void unknownCampaignIs404() {
        as(TestTokens.newProjectId()).get("/api/v1/campaigns/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:not-found"));
        as(TestTokens.newProjectId()).post("/api/v1/campaigns/" + UUID.randomUUID() + "/send").then()
                .statusCode(404);
    }

    @Test
    void listsCampaignsByKeysetPages() {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, 1);
        List<String> ids = List.of(Api.createCampaign(project, segment), Api.createCampaign(project, segment));
        as(project).queryParam("limit", 1).get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", contains(ids.get(0))).body("next", equalTo(ids.get(0)));
        as(project).queryParam("limit", 1).queryParam("after", ids.get(0)).get("/api/v1/campaigns").then()
                .statusCode(200).body("items.id", contains(ids.get(1)));
    }
}
