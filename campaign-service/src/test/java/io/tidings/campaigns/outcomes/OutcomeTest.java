package io.tidings.campaigns.outcomes;

import static io.tidings.campaigns.support.Api.as;
import static io.tidings.campaigns.support.OutcomeProducer.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.CampaignTraffic;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.Fixtures;
import io.tidings.campaigns.support.TopicRecords;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class OutcomeTest extends CampaignTraffic {
    @Inject
    RecipientOutcomes recipientOutcomes;
    @Inject
    OutcomeReader reader;

    @Test
    void sentOutcomesForEveryoneCompleteTheCampaign() {
        int n = 12;
        UUID campaign = sendingCampaign(n);
        List<TopicRecords.Record> sent = requests.forCampaign(campaign);

        sent.forEach(request -> delivery.send(outcome("sent", request)));

        await().atMost(Duration.ofSeconds(30)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
        as(project).get("/api/v1/campaigns/" + campaign).then().statusCode(200)
                .body("counts.total", equalTo(n)).body("counts.sent", equalTo(n))
                .body("counts.queued", equalTo(0)).body("counts.pending", equalTo(0))
                .body("completedAt", notNullValue());
        as(project).queryParam("status", "SENT").queryParam("limit", 1000)
                .get("/api/v1/campaigns/" + campaign + "/recipients").then().statusCode(200)
                .body("items.size()", equalTo(n))
                .body("items[0].smtpCode", equalTo(250))
                .body("items[0].smtpReply", equalTo("250 2.0.0 Ok: queued as 4F2A1C"))
                .body("items[0].messageId", notNullValue());

        try (TopicRecords control = new TopicRecords("campaign.control");
                TopicRecords status = new TopicRecords("campaign.status")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> control.forCampaign(campaign).stream()
                    .anyMatch(r -> r.value().get("state").asText().equals("COMPLETED")));
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> status.forCampaign(campaign).stream()
                    .anyMatch(r -> r.value().get("state").asText().equals("COMPLETED")));
            JsonNode completed = status.forCampaign(campaign).stream()
                    .filter(r -> r.value().get("state").asText().equals("COMPLETED")).findFirst().orElseThrow().value();
            assertThat(Fixtures.fieldPaths(completed)).isEqualTo(Fixtures.fieldPaths("campaign.status/v1.json"));
            assertThat(Fixtures.fieldPaths(completed.get("counts")))
                    .isEqualTo(Fixtures.fieldPaths(Fixtures.read("campaign.status/v1.json").get("counts")));
            assertThat(completed.at("/counts/sent").asLong()).isEqualTo(n);
            assertThat(status.forCampaign(campaign)).extracting(r -> r.value().get("state").asText())
                    .contains("EXPANDING", "SENDING", "COMPLETED");
        }
    }

    @Test
    void replayedAndShuffledOutcomesCountOnce() {
        int n = 10;
        UUID campaign = sendingCampaign(n);
        List<ObjectNode> outcomes = new ArrayList<>();
        List<TopicRecords.Record> sent = requests.forCampaign(campaign);
        for (int i = 0; i < n; i++) {
            ObjectNode deferred = outcome("deferred", sent.get(i));
            outcomes.add(deferred);
            outcomes.add(outcome(i % 2 == 0 ? "sent" : "bounced", sent.get(i)));
        }
        List<ObjectNode> replayed = new ArrayList<>(outcomes);
        replayed.addAll(outcomes);
        Collections.shuffle(replayed, new Random(42));

        replayed.forEach(delivery::send);

        await().atMost(Duration.ofSeconds(30)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            var read = Api.campaign(project, campaign.toString());
            return read.getLong("counts.sent") == n / 2 && read.getLong("counts.bounced") == n / 2
                    && read.getLong("counts.deferred") == 0 && read.getLong("counts.queued") == 0
                    && read.getLong("counts.total") == n;
        });
        assertThat(Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ? "
                + "AND status IN ('SENT', 'BOUNCED')", campaign)).isEqualTo(n);
    }

    @Test
    void aRecipientNamedTwiceInOneBatchEndsAsTheRulesSay() {
        UUID campaign = sendingCampaign(3);
        List<TopicRecords.Record> sent = requests.forCampaign(campaign);
        UUID first = UUID.fromString(sent.get(0).value().get("recipientId").asText());
        UUID second = UUID.fromString(sent.get(1).value().get("recipientId").asText());

        // one batch, as one poll would hand it over: the first recipient's SENT (attempt 1) before an older
        // DEFERRED (attempt 2, so a set-based write could take it for the newer one); the second's the other way round
        recipientOutcomes.apply(List.of(read(outcome("sent", sent.get(0))),
                read(outcome("deferred", sent.get(0))), read(outcome("deferred", sent.get(1))),
                read(outcome("sent", sent.get(1))), read(outcome("sent", sent.get(1))))).await().indefinitely();

        assertThat(status(first)).isEqualTo("SENT");
        assertThat(status(second)).isEqualTo("SENT");
        assertThat(Database.text("SELECT smtp_reply FROM campaigns.mailing_recipient WHERE id = ?", first))
                .startsWith("250");
        var counts = Api.campaign(project, campaign.toString());
        assertThat(counts.getLong("counts.sent")).isEqualTo(2);
        assertThat(counts.getLong("counts.deferred")).isZero();
        assertThat(counts.getLong("counts.queued")).isEqualTo(1);
        assertThat(counts.getString("state")).isNotEqualTo("COMPLETED");

        // the same batch again (a redelivery) moves nothing; the last recipient's outcome completes the campaign
        assertThat(recipientOutcomes.apply(List.of(read(outcome("deferred", sent.get(0))),
                read(outcome("sent", sent.get(0))), read(outcome("sent", sent.get(2))))).await().indefinitely())
                .isTrue();
        assertThat(Api.campaign(project, campaign.toString()).getLong("counts.sent")).isEqualTo(3);
        assertThat(Api.state(project, campaign.toString())).isEqualTo("COMPLETED");
    }

    @Test
    void outcomeOfAnOlderGenerationIsIgnored() {
        UUID campaign = sendingCampaign(2);
        TopicRecords.Record request = requests.forCampaign(campaign).get(0);
        UUID recipient = UUID.fromString(request.value().get("recipientId").asText());
        // as a retry would: the recipient is re-enqueued under generation 2
        Database.update("UPDATE campaigns.mailing_recipient SET generation = 2 WHERE id = ?", recipient);

        ObjectNode stale = outcome("sent", request);
        ObjectNode current = outcome("deferred", request);
        current.put("generation", 2);
        delivery.send(stale);
        delivery.send(current);

        await().atMost(Duration.ofSeconds(20)).until(() -> status(recipient).equals("DEFERRED"));
        assertThat(Api.count(project, campaign.toString(), "sent")).isZero();
        assertThat(Api.count(project, campaign.toString(), "deferred")).isEqualTo(1);
    }

    @Test
    void terminalStatusNeverMovesBack() {
        UUID campaign = sendingCampaign(2);
        TopicRecords.Record first = requests.forCampaign(campaign).get(0);
        TopicRecords.Record second = requests.forCampaign(campaign).get(1);
        UUID recipient = UUID.fromString(first.value().get("recipientId").asText());
        String key = first.key();

        delivery.send(key, outcome("sent", first).toString());
        for (String later : List.of("deferred", "bounced")) {
            delivery.send(key, outcome(later, first).toString());
        }
        ObjectNode paused = outcome("deferred", first);
        paused.put("status", "PAUSED");
        delivery.send(key, paused.toString());
        // same key, so the same partition: once this one is applied, everything before it was
        delivery.send(key, outcome("sent", second).toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
        assertThat(status(recipient)).isEqualTo("SENT");
        assertThat(Api.count(project, campaign.toString(), "sent")).isEqualTo(2);
        assertThat(Api.count(project, campaign.toString(), "bounced")).isZero();
        assertThat(Api.count(project, campaign.toString(), "deferred")).isZero();
        assertThat(Api.count(project, campaign.toString(), "pending")).isZero();
    }

    @Test
    void unreadableOutcomesGoToTheDeadLetterTopic() {
        UUID campaign = sendingCampaign(1);
        TopicRecords.Record request = requests.forCampaign(campaign).get(0);
        ObjectNode future = outcome("sent", request);
        future.put("version", 2);

        try (TopicRecords dlq = new TopicRecords("delivery.outcomes.dlq")) {
            delivery.send(request.key(), future.toString());
            delivery.send(request.key(), "{\"campaignId\": \"" + campaign + "\", not json");
            delivery.send(outcome("sent", request));

            await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("COMPLETED"));
            await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                    .until(() -> dlq.forKey(request.key()).size() == 2);
            assertThat(dlq.forKey(request.key()).get(0).value().get("version").asInt()).isEqualTo(2);
            assertThat(dlq.forKey(request.key()).get(1).value().asText()).contains("not json");
        }
    }

    @Test
    void senderBlockedPausesItsCampaignsUntilUnblocked() {
        UUID campaign = sendingCampaign(2);
        TopicRecords.Record request = requests.forCampaign(campaign).get(0);
        UUID recipient = UUID.fromString(request.value().get("recipientId").asText());
        String sender = Api.campaign(project, campaign.toString()).getString("senderId");
        ObjectNode blocked = outcome("bounced", request);
        blocked.put("status", "SENDER_BLOCKED").put("smtpCode", 550).put("enhancedCode", "5.7.1")
                .put("smtpReply", "550 5.7.1 Message rejected by policy");

        delivery.send(blocked);

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("PAUSED"));
        assertThat(status(recipient)).isEqualTo("PENDING");
        as(project).get("/api/v1/campaigns/" + campaign).then()
                .body("reason", containsString("5.7.1"))
                .body("counts.pending", equalTo(1)).body("counts.queued", equalTo(1));
        as(project).get("/api/v1/senders/" + sender).then()
                .body("blockedReason", containsString("550 5.7.1"));
        try (TopicRecords control = new TopicRecords("campaign.control")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> control.forCampaign(campaign).stream()
                    .anyMatch(r -> r.value().get("state").asText().equals("PAUSED")));
        }

        as(project).post("/api/v1/senders/" + sender + "/unblock").then().statusCode(200)
                .body("blockedReason", nullValue());
    }

    private DeliveryOutcome read(ObjectNode outcome) {
        return reader.read(outcome.toString());
    }

    private static String status(UUID recipient) {
        return Database.text("SELECT status FROM campaigns.mailing_recipient WHERE id = ?", recipient);
    }
}
