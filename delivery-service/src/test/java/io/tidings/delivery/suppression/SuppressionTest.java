package io.tidings.delivery.suppression;

import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import io.tidings.testing.Contracts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class SuppressionTest {
    @Inject
    Suppressions suppressions;

    @Inject
    ObjectMapper json;

    @Test
    void readsTheContractFixture() throws Exception {
        SuppressionChanged change = json.readValue(Contracts.fixture("contacts.suppressions/v1.json"),
                SuppressionChanged.class);

        assertThat(change.problems()).isEmpty();
        assertThat(change.normalizedEmail()).isEqualTo("nobody@example.com");
        assertThat(change.suppressed()).isTrue();
        assertThat(change.reason()).isEqualTo("BOUNCED");
    }

    @Test
    void suppressedAddressGetsSuppressedOutcomeAndNoMail() {
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        String address = Events.address("gone");
        Events.publishSuppression(Events.suppression(project, address, true));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> suppressions.suppressed(project, address));

        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishRequest(Events.request(project, campaign, recipient, address));

        JsonNode outcome = awaitOutcome(recipient, "SUPPRESSED");
        assertThat(outcome.get("attempt").asInt()).isZero();
        assertThat(outcome.get("messageId").isNull()).isTrue();
        assertThat(Mailbox.to(address)).isEmpty();
    }

    @Test
    void deferredRecipientSuppressedSinceIsNotRetried() {
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        String address = Events.address("later");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishSuppression(Events.suppression(project, address, true));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> suppressions.suppressed(project, address));

        Ledger.insert(project, campaign, recipient, 1, address, "DEFERRED", 1, "NULL", "now()", "now()");

        JsonNode outcome = awaitOutcome(recipient, "SUPPRESSED");
        assertThat(outcome.get("attempt").asInt()).isEqualTo(1);
        assertThat(Ledger.row(recipient, 1)).containsEntry("status", "SUPPRESSED");
        assertThat(Mailbox.to(address)).isEmpty();
    }

    @Test
    void suppressionIsPerProjectAndLiftedSuppressionSendsAgain() {
        UUID project = UUID.randomUUID();
        UUID otherProject = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        String address = Events.address("back");
        Events.publishSuppression(Events.suppression(otherProject, address, true));
        Events.publishSuppression(Events.suppression(project, address, true));
        Events.publishSuppression(Events.suppression(project, address, false));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> suppressions.suppressed(otherProject, address)
                        && !suppressions.suppressed(project, address));
        UUID recipient = UUID.randomUUID();

        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishRequest(Events.request(project, campaign, recipient, address));

        awaitOutcome(recipient, "SENT");
        assertThat(Mailbox.to(address)).hasSize(1);
    }
}
