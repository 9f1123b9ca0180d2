package io.tidings.delivery.request;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import io.tidings.delivery.support.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Requests consumed in batches: each record of a poll is delivered on its own, and settled on its own. */
@DeliveryServiceTest
class BatchDeliveryTest {
    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();

    @Test
    void sameRecipientAndGenerationTwiceInOneBatchIsMailedOnce() {
        UUID recipient = UUID.randomUUID();
        String email = Events.address("twice-in-a-batch");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        String request = Events.request(project, campaign, recipient, email).toString();

        TestKafka.sendTogether("delivery.requests",
                List.of(Map.entry(recipient.toString(), request), Map.entry(recipient.toString(), request)));

        awaitOutcome(recipient, "SENT");
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(Ledger.row(recipient, 1).get("outcome_published")));
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(Ledger.row(recipient, 1)).containsEntry("status", "SENT").containsEntry("attempt", 1);
    }

    @Test
    void unusableRecordAmongGoodOnesAloneGoesToTheDeadLetterTopic() {
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        List<UUID> good = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID recipient = UUID.randomUUID();
            good.add(recipient);
            records.add(Map.entry(recipient.toString(),
                    Events.request(project, campaign, recipient, Events.address("good" + i)).toString()));
        }
        UUID bad = UUID.randomUUID();
        ObjectNode unusable = Events.request(project, campaign, bad, Events.address("bad")).put("version", 2);
        records.add(2, Map.entry(bad.toString(), unusable.toString()));

        TestKafka.sendTogether("delivery.requests", records);

        good.forEach(recipient -> awaitOutcome(recipient, "SENT"));
        await().atMost(WAIT).until(() -> deadLetters().stream().anyMatch(r -> bad.toString().equals(r.key())));
        ConsumerRecord<String, String> dead = deadLetters().stream().filter(r -> bad.toString().equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(header(dead, "dead-letter-reason")).contains("version 2 is not 1");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo("delivery.requests");
        assertThat(Long.parseLong(header(dead, "dead-letter-offset"))).isNotNegative();
        assertThat(TestKafka.parse(dead.value()).get("recipientId").asText()).isEqualTo(bad.toString());
        assertThat(deadLetters()).noneMatch(r -> good.stream().anyMatch(g -> g.toString().equals(r.key())));
        assertThat(TestKafka.outcomes(bad)).isEmpty();
    }

    private static List<ConsumerRecord<String, String>> deadLetters() {
        return TestKafka.records("delivery.requests.dlq");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
