package io.tidings.delivery.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.DeliveryTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A send from a Kafka request is recorded as published, because the unacknowledged request carries its outcome.
 * When Kafka refuses the outcome for longer than the publisher retries, that is no longer true: the row is marked
 * unpublished, so that the retry loop publishes it, and the request is settled (mailed once, not dead-lettered).
 */
@DeliveryServiceTest
@TestProfile(UnpublishableOutcomeTest.OutcomesRefused.class)
class UnpublishableOutcomeTest {

    /** Outcomes go to a topic Kafka refuses every record for: a name it does not allow. */
    public static class OutcomesRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.delivery-outcomes.topic", "delivery.outcomes refused");
        }
    }

    @Test
    void anOutcomeKafkaRefusesIsLeftUnpublishedForTheRetryLoop() {
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        String email = Events.address("unpublishable");
        Events.publishControl(Events.control(project, campaign, "SENDING"));

        Events.publishRequest(Events.request(project, campaign, recipient, email));

        await("mailed").atMost(DeliveryTest.WAIT).until(() -> Mailbox.to(email).size() == 1);
        // recorded SENT and published at once; unpublished once the publisher has given up (five retries)
        await("marked unpublished").atMost(Duration.ofSeconds(90)).until(() -> {
            Map<String, Object> row = Ledger.row(recipient, 1);
            return row != null && "SENT".equals(row.get("status")) && Boolean.FALSE.equals(row.get("outcome_published"));
        });
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(DeliveryTest.outcomes(recipient, "SENT")).as("on delivery.outcomes").isEmpty();
    }
}
