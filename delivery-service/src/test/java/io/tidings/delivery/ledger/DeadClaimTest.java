package io.tidings.delivery.ledger;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static io.tidings.delivery.support.DeliveryTest.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class DeadClaimTest {
    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();
    final UUID recipient = UUID.randomUUID();

    @Test
    void redeliveredRequestOfAClaimLeftByADeadPodIsUnknownAndNotSent() {
        String email = Events.address("dead-pod");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Ledger.insert(project, campaign, recipient, 1, email, "CLAIMED", 1, "now() - interval '1 hour'", "NULL",
                "now() - interval '1 hour'");
        Events.publishRequest(Events.request(project, campaign, recipient, email));

        JsonNode unknown = awaitOutcome(recipient, "UNKNOWN");
        assertThat(unknown.get("attempt").asInt()).isEqualTo(1);
        assertThat(unknown.get("smtpReply").asText()).contains("not resent automatically");
        assertThat(unknown.get("messageId").asText()).isEqualTo("<" + recipient + ".1@tidings.example>");
        assertThat(Ledger.row(recipient, 1).get("status")).isEqualTo("UNKNOWN");
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(outcomes(recipient, "SENT")).isEmpty();
    }

    @Test
    void claimLeftByADeadPodSettlesAsUnknownWithoutAnyRequest() {
        String email = Events.address("dead-pod-retry");
        Ledger.insert(project, campaign, recipient, 1, email, "CLAIMED", 2, "now() - interval '1 hour'", "NULL",
                "now() - interval '2 hours'");

        JsonNode unknown = awaitOutcome(recipient, "UNKNOWN");
        assertThat(unknown.get("attempt").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(Ledger.row(recipient, 1).get("outcome_published")));
        assertThat(Mailbox.to(email)).isEmpty();
    }
}
