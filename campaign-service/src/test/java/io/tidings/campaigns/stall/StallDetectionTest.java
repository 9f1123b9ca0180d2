package io.tidings.campaigns.stall;

import static io.tidings.campaigns.support.Api.as;
import static io.tidings.campaigns.support.OutcomeProducer.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.CampaignTraffic;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.KafkaResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The test profile declares a campaign stalled after 2 s without a finished recipient (checked every second). */
@CampaignServiceTest
class StallDetectionTest extends CampaignTraffic {
    @Test
    void withoutDeliveryConsumersTheCampaignStallsThenClearsWhenOutcomesCome() {
        UUID campaign = sendingCampaign(2);

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("STALLED"));
        as(project).get("/api/v1/campaigns/" + campaign).then()
                .body("reason", containsString("no delivery-service consumer"));
        try (TopicRecords status = new TopicRecords("campaign.status")) {
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> status.forCampaign(campaign).stream()
                    .anyMatch(r -> r.value().get("state").asText().equals("STALLED")
                            && r.value().get("reason").asText().contains("no delivery-service consumer")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stalledGauge() >= 1);

        delivery.send(outcome("sent", requests.forCampaign(campaign).get(0)));

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign.toString()).equals("SENDING"));
        as(project).get("/api/v1/campaigns/" + campaign).then().body("reason", equalTo(null))
                .body("counts.sent", equalTo(1));
    }

    @Test
    void throttlingRepliesAreTheReasonWhenDeliveryIsRunning() {
        try (KafkaConsumer<String, String> deliveryPod = deliveryConsumer()) {
            UUID campaign = sendingCampaign(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                deliveryPod.poll(Duration.ofMillis(100));
                return !deliveryPod.assignment().isEmpty();
            });
            ObjectNode throttled = outcome("deferred", requests.forCampaign(campaign).get(0));
            throttled.put("smtpCode", 421).put("enhancedCode", "4.7.0")
                    .put("smtpReply", "421 4.7.0 Too many messages, slow down");
            delivery.send(throttled);

            // stalled, with the reason as soon as the throttling reply is known (a campaign found stalled before the
            // reply was applied gets the new reason on a later check)
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                deliveryPod.poll(Duration.ofMillis(100));
                return Api.state(project, campaign.toString()).equals("STALLED");
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(project).get("/api/v1/campaigns/" + campaign)
                    .then().body("state", equalTo("STALLED"))
                    .body("reason", containsString("throttling the sender: 421 4.7.0 Too many messages")));
        }
    }

    @Test
    void aSlowSendersCampaignIsNotStalledBetweenItsSends() {
        UUID campaign = sendingCampaign(1, Map.of("limit", 35, "per", "PT1H", "burst", 1));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> Api.state(project, campaign.toString()).equals("SENDING"));
    }

    private static double stalledGauge() {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("tidings_campaigns_stalled"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static KafkaConsumer<String, String> deliveryConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.current().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "delivery-service");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("delivery.requests"));
        return consumer;
    }

    /** A campaign of n recipients, all published, whose sender is fast (100/s): only a stall keeps it waiting. */
    @Override
    protected UUID sendingCampaign(int n) {
        return sendingCampaign(n, Map.of("limit", 100, "per", "PT1S", "burst", 100));
    }

    /** A campaign of n recipients, all published, whose sender has this rate. */
    private UUID sendingCampaign(int n, Map<String, Object> rate) {
        Map<String, Object> sender = new HashMap<>(Api.senderBody());
        sender.put("rate", rate);
        String senderId = as(project).body(sender).post("/api/v1/senders").then().statusCode(201).extract().path("id");
        UUID segment = FakeContactsService.segment(project, n);
        UUID campaign = UUID.fromString(as(project).body(Api.campaignBody(senderId, segment)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id"));
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() >= n);
        return campaign;
    }
}
