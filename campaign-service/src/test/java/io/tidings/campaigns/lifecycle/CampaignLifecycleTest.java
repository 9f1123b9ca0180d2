package io.tidings.campaigns.lifecycle;

import static io.tidings.campaigns.support.Api.as;
import static io.tidings.campaigns.support.OutcomeProducer.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.CampaignTraffic;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class CampaignLifecycleTest extends CampaignTraffic {
    @Test
    void pauseReturnsQueuedToPendingAndTellsDelivery() {
        UUID campaign = sendingCampaign(5);

        as(project).post(path(campaign, "pause")).then().statusCode(200)
                .body("state", equalTo("PAUSED")).body("reason", equalTo("paused on request"))
                .body("counts.pending", equalTo(5)).body("counts.queued", equalTo(0));
        as(project).post(path(campaign, "pause")).then().statusCode(200).body("state", equalTo("PAUSED"));

        try (TopicRecords control = new TopicRecords("campaign.control")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> lastControlState(control, campaign)
                    .equals("PAUSED"));
        }
        // the publisher leaves a paused campaign alone
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() == 5);
        assertThat(Api.count(project, campaign.toString(), "pending")).isEqualTo(5);
    }

    @Test
    void resumeRepublishesPendingOnceAndIsSafeToRepeat() {
        UUID campaign = sendingCampaign(4);
        List<TopicRecords.Record> first = requests.forCampaign(campaign);
        as(project).post(path(campaign, "pause")).then().statusCode(200);
        delivery.send(withStatus(outcome("deferred", first.get(0)), "PAUSED", 0));
        // delivery answered one request PAUSED (applied once its reply is stored); the others still wait in its backlog
        UUID answered = UUID.fromString(first.get(0).value().get("recipientId").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count("SELECT count(*) FROM "
                + "campaigns.mailing_recipient WHERE id = ? AND smtp_code = 451", answered) == 1);

        for (int i = 0; i < 3; i++) {
            as(project).post(path(campaign, "resume")).then().statusCode(200).body("state", equalTo("SENDING"))
                    .body("reason", equalTo(null));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "queued") == 4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() == 8);
        // each recipient once more, in the same generation: delivery's ledger sends one of the two copies
        Map<String, Long> perRecipient = requests.forCampaign(campaign).stream()
                .collect(Collectors.groupingBy(r -> r.value().get("recipientId").asText(), Collectors.counting()));
        assertThat(perRecipient).hasSize(4).allSatisfy((recipient, copies) -> assertThat(copies).isEqualTo(2));
        assertThat(requests.forCampaign(campaign)).allSatisfy(r -> assertThat(r.value().get("generation").asInt())
                .isEqualTo(1));

        first.forEach(request -> delivery.send(outcome("sent", request)));
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
        assertThat(Api.count(project, campaign.toString(), "sent")).isEqualTo(4);
        as(project).post(path(campaign, "resume")).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void blockedSenderMustBeUnblockedThenResumeSendsWithANewGeneration() {
        UUID campaign = sendingCampaign(2);
        TopicRecords.Record request = requests.forCampaign(campaign).get(0);
        UUID recipient = UUID.fromString(request.value().get("recipientId").asText());
        String sender = Api.campaign(project, campaign.toString()).getString("senderId");
        ObjectNode blocked = withStatus(outcome("bounced", request), "SENDER_BLOCKED", 1);
        blocked.put("smtpReply", "550 5.7.1 Message rejected by policy").put("enhancedCode", "5.7.1");
        delivery.send(blocked);
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("PAUSED"));

        as(project).post(path(campaign, "resume")).then().statusCode(409)
                .body("type", equalTo("urn:tidings:problem:conflict")).body("detail", containsString("unblock"));
        as(project).post("/api/v1/senders/" + sender + "/unblock").then().statusCode(200);
        as(project).post(path(campaign, "resume")).then().statusCode(200).body("state", equalTo("SENDING"));

        await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> requests.forKey(recipient.toString())
                .stream().anyMatch(r -> r.value().get("generation").asInt() == 2));
        // the old generation's late reply is ignored; the new one's counts
        delivery.send(outcome("sent", request));
        ObjectNode sent = outcome("sent", request);
        sent.put("generation", 2);
        delivery.send(sent);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(recipient)));
        assertThat(Database.text("SELECT generation::text FROM campaigns.mailing_recipient WHERE id = ?", recipient))
                .isEqualTo("2");
        assertThat(Api.count(project, campaign.toString(), "sent")).isEqualTo(1);
    }

    @Test
    void cancelEndsPendingAtOnceAndQueuedAsDeliveryReports() {
        UUID campaign = sendingCampaign(4);
        List<TopicRecords.Record> sent = requests.forCampaign(campaign);
        // this instance's publisher leaves the campaign alone (another instance holds it), so the recipient a PAUSED
        // reply puts back to PENDING stays PENDING until the cancel instead of being re-published within a second
        Database.update("UPDATE campaigns.campaign SET worker = 'other-pod', worker_until = now() + interval '1 hour' "
                + "WHERE id = ?", campaign);
        delivery.send(withStatus(outcome("deferred", sent.get(0)), "PAUSED", 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "pending") == 1);

        as(project).post(path(campaign, "cancel")).then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("counts.cancelled", equalTo(1))
                .body("counts.queued", equalTo(3)).body("counts.pending", equalTo(0));
        delivery.send(withStatus(outcome("deferred", sent.get(1)), "CANCELLED", 0));
        // a PAUSED reply arriving after the cancel would leave the recipient PENDING forever: it ends CANCELLED
        delivery.send(withStatus(outcome("deferred", sent.get(2)), "PAUSED", 0));
        delivery.send(outcome("sent", sent.get(3)));

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "cancelled") == 3
                && Api.count(project, campaign.toString(), "sent") == 1);
        as(project).post(path(campaign, "cancel")).then().statusCode(200).body("state", equalTo("CANCELLED"));
        as(project).post(path(campaign, "resume")).then().statusCode(409);
        assertThat(Api.count(project, campaign.toString(), "pending")).isZero();
        try (TopicRecords control = new TopicRecords("campaign.control")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> lastControlState(control, campaign)
                    .equals("CANCELLED"));
        }
    }

    @Test
    void retryReEnqueuesFailedWithANewGenerationAndReopensTheCampaign() {
        UUID campaign = sendingCampaign(3);
        List<TopicRecords.Record> sent = requests.forCampaign(campaign);
        UUID failed = UUID.fromString(sent.get(1).value().get("recipientId").asText());
        delivery.send(outcome("sent", sent.get(0)));
        delivery.send(withStatus(outcome("bounced", sent.get(1)), "FAILED", 5));
        delivery.send(withStatus(outcome("bounced", sent.get(2)), "UNKNOWN", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));

        as(project).post(path(campaign, "retry")).then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(project).post(path(campaign, "retry") + "?status=SENT").then().statusCode(400);
        as(project).post(path(campaign, "retry") + "?status=FAILED").then().statusCode(200)
                .body("state", equalTo("SENDING")).body("counts.failed", equalTo(0))
                .body("counts.unknown", equalTo(1));

        await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> requests.forKey(failed.toString())
                .stream().anyMatch(r -> r.value().get("generation").asInt() == 2));
        ObjectNode retried = outcome("sent", sent.get(1));
        retried.put("generation", 2);
        delivery.send(retried);
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
        assertThat(Api.count(project, campaign.toString(), "sent")).isEqualTo(2);
        assertThat(Api.count(project, campaign.toString(), "unknown")).isEqualTo(1);
        assertThat(Api.count(project, campaign.toString(), "total")).isEqualTo(3);
    }

    @Test
    void pauseWhileExpandingLetsTheExpansionFinishAndResumeSendsEveryone() {
        int n = 300;
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, n)));
        as(project).post(path(campaign, "send")).then().statusCode(202);
        as(project).post(path(campaign, "pause")).then().statusCode(200).body("state", equalTo("PAUSED"));

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count("SELECT count(*) FROM campaigns.campaign "
                + "WHERE id = ? AND expansion_done", campaign) == 1);
        assertThat(Api.count(project, campaign.toString(), "total")).isEqualTo(n);
        assertThat(Api.state(project, campaign.toString())).isEqualTo("PAUSED");
        assertThat(requests.forCampaign(campaign)).isEmpty();
        try (TopicRecords control = new TopicRecords("campaign.control")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> lastControlState(control, campaign)
                    .equals("PAUSED"));
        }

        as(project).post(path(campaign, "resume")).then().statusCode(200).body("state", equalTo("SENDING"));
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> requests.forCampaign(campaign).size() >= n);
        assertThat(requests.forCampaign(campaign).stream().map(r -> r.value().get("recipientId").asText()).distinct())
                .hasSize(n);
    }

    @Test
    void idempotencyKeyAnswersTheFirstAnswerAgain() {
        UUID campaign = sendingCampaign(2);
        String key = "pause-" + UUID.randomUUID();
        String first = as(project).header("Idempotency-Key", key).post(path(campaign, "pause")).then().statusCode(200)
                .body("state", equalTo("PAUSED")).extract().asString();
        as(project).post(path(campaign, "resume")).then().statusCode(200).body("state", equalTo("SENDING"));

        String replayed = as(project).header("Idempotency-Key", key).post(path(campaign, "pause")).then()
                .statusCode(200).extract().asString();
        assertThat(replayed).isEqualTo(first);
        assertThat(Api.state(project, campaign.toString())).isEqualTo("SENDING");
        as(project).header("Idempotency-Key", key).post(path(campaign, "cancel")).then().statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        // keys belong to a project
        String other = TestTokens.newProjectId();
        as(other).header("Idempotency-Key", key).post(path(campaign, "pause")).then().statusCode(404);

        UUID draft = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 1)));
        String sendKey = "send-" + UUID.randomUUID();
        String sendAnswer = as(project).header("Idempotency-Key", sendKey).post(path(draft, "send")).then()
                .statusCode(202).extract().asString();
        as(project).header("Idempotency-Key", sendKey).post(path(draft, "send")).then().statusCode(202)
                .body(equalTo(sendAnswer));
    }

    @Test
    void stateChangesOfUnknownOrDraftCampaignsAreRefused() {
        UUID draft = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 1)));
        as(project).post(path(draft, "pause")).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("DRAFT"));
        as(project).post(path(draft, "resume")).then().statusCode(409);
        as(project).post(path(UUID.randomUUID(), "pause")).then().statusCode(404);
        as(TestTokens.newProjectId()).post(path(draft, "cancel")).then().statusCode(404);
        as(project).post("/api/v1/campaigns/not-an-id/pause").then().statusCode(404);
        as(project).post(path(draft, "cancel")).then().statusCode(200).body("state", equalTo("CANCELLED"));
    }

    private static String path(UUID campaign, String action) {
        return "/api/v1/campaigns/" + campaign + "/" + action;
    }

    private static ObjectNode withStatus(ObjectNode outcome, String status, int attempt) {
        outcome.put("status", status).put("attempt", attempt);
        return outcome;
    }

    private static String lastControlState(TopicRecords control, UUID campaign) {
        List<TopicRecords.Record> records = control.forCampaign(campaign);
        return records.isEmpty() ? "" : records.get(records.size() - 1).value().get("state").asText();
    }

    private static String status(UUID recipient) {
        return Database.text("SELECT status FROM campaigns.mailing_recipient WHERE id = ?", recipient);
    }
}
