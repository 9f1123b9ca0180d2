package io.tidings.delivery.request;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Mailbox;
import io.tidings.delivery.support.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class DeadLetterTest {
    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();
    final UUID recipient = UUID.randomUUID();

    @Test
    void requestWhoseCampaignNeverAnnouncesItselfGoesToTheDeadLetterTopic() {
        String email = Events.address("orphan");
        Events.publishRequest(Events.request(project, campaign, recipient, email));

        ConsumerRecord<String, String> dead = awaitDeadLetter(recipient);
        assertThat(TestKafka.parse(dead.value()).get("campaignId").asText()).isEqualTo(campaign.toString());
        assertThat(header(dead, "dead-letter-reason"))
                .contains("no campaign.control record").contains(campaign.toString());
        assertThat(TestKafka.outcomes(recipient)).isEmpty();
        assertThat(Mailbox.to(email)).isEmpty();
    }

    @Test
    void unreadableRequestGoesToTheDeadLetterTopic() {
        TestKafka.send("delivery.requests", recipient.toString(), "{\"recipientId\": ");

        assertThat(header(awaitDeadLetter(recipient), "dead-letter-reason")).contains("not a readable");
    }

    @Test
    void requestOfAnUnknownVersionGoesToTheDeadLetterTopic() {
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishRequest(Events.request(project, campaign, recipient, Events.address("v2")).put("version", 2));

        assertThat(header(awaitDeadLetter(recipient), "dead-letter-reason")).contains("version 2 is not 1");
        assertThat(TestKafka.outcomes(recipient)).isEmpty();
    }

    @Test
    void requestNamingAnotherProjectsCampaignGoesToTheDeadLetterTopicUnsent() {
        String email = Events.address("intruder");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishRequest(Events.request(UUID.randomUUID(), campaign, recipient, email));

        assertThat(header(awaitDeadLetter(recipient), "dead-letter-reason")).contains("does not belong to project");
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(TestKafka.outcomes(recipient)).isEmpty();
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(UUID recipient) {
        await().atMost(WAIT).until(() -> TestKafka.records("delivery.requests.dlq").stream()
                .anyMatch(r -> recipient.toString().equals(r.key())));
        return TestKafka.records("delivery.requests.dlq").stream()
                .filter(r -> recipient.toString().equals(r.key())).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
