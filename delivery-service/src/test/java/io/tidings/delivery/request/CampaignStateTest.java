package io.tidings.delivery.request;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static io.tidings.delivery.support.DeliveryTest.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class CampaignStateTest {
    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();
    final UUID recipient = UUID.randomUUID();

    @Test
    void cancelledCampaignEndsRequestCancelledWithoutSending() {
        String email = Events.address("cancelled");
        Events.publishControl(Events.control(project, campaign, "CANCELLED"));
        Events.publishRequest(Events.request(project, campaign, recipient, email));

        JsonNode cancelled = awaitOutcome(recipient, "CANCELLED");
        assertThat(cancelled.get("attempt").asInt()).isZero();
        assertThat(cancelled.get("generation").asInt()).isEqualTo(1);
        assertThat(cancelled.get("smtpCode").isNull()).isTrue();
        assertThat(cancelled.get("messageId").isNull()).isTrue();
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(Ledger.row(recipient, 1)).isEmpty();
    }

    @Test
    void pausedCampaignHandsRequestBackAsPausedWithoutSending() {
        String email = Events.address("paused");
        Events.publishControl(Events.control(project, campaign, "PAUSED"));
        Events.publishRequest(Events.request(project, campaign, recipient, email));

        JsonNode paused = awaitOutcome(recipient, "PAUSED");
        assertThat(paused.get("attempt").asInt()).isZero();
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(Ledger.row(recipient, 1)).isEmpty();
    }

    @Test
    void cancellingAfterTheSendKeepsTheRealOutcomeOnRedelivery() {
        String email = Events.address("sent-then-cancelled");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        ObjectNode request = Events.request(project, campaign, recipient, email);
        Events.publishRequest(request);
        awaitOutcome(recipient, "SENT");

        Events.publishControl(Events.control(project, campaign, "CANCELLED"));
        Events.publishRequest(request);
        await().atMost(WAIT).until(() -> outcomes(recipient, "SENT").size() == 2);
        assertThat(outcomes(recipient, "CANCELLED")).isEmpty();
        assertThat(Mailbox.to(email)).hasSize(1);
    }
}
