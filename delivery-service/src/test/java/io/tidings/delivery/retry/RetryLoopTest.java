package io.tidings.delivery.retry;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static io.tidings.delivery.support.DeliveryTest.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.rate.TokenBuckets;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import io.tidings.delivery.support.SmtpRouteResource;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class RetryLoopTest {
    @Inject
    TokenBuckets buckets;

    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();
    final UUID recipient = UUID.randomUUID();

    @Test
    void unreachableRelayDefersAndTheRetryLoopSendsOnceItIsBack() {
        String email = Events.address("deferred");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        SmtpRouteResource.refuseConnections();
        JsonNode deferred;
        try {
            Events.publishRequest(Events.request(project, campaign, recipient, email));
            deferred = awaitOutcome(recipient, "DEFERRED");
        } finally {
            SmtpRouteResource.acceptConnections();
        }

        assertThat(deferred.get("attempt").asInt()).isEqualTo(1);
        assertThat(deferred.get("smtpCode").isNull()).isTrue();
        assertThat(deferred.get("smtpReply").asText()).contains("connection failed");
        Instant next = Instant.parse(deferred.get("nextAttemptAt").asText());
        assertThat(next).isAfter(Instant.parse(deferred.get("occurredAt").asText()));

        JsonNode sent = awaitOutcome(recipient, "SENT");
        assertThat(sent.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(Ledger.row(recipient, 1).get("status")).isEqualTo("SENT");
    }

    @Test
    void deferredRecipientPastItsLifetimeFailsWith447WithoutSending() {
        String email = Events.address("expired");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Ledger.insert(project, campaign, recipient, 1, email, "DEFERRED", 9, "now() - interval '1 hour'",
                "now() - interval '1 second'", "now() - interval '6 days'");

        JsonNode failed = awaitOutcome(recipient, "FAILED");
        assertThat(failed.get("enhancedCode").asText()).isEqualTo("4.4.7");
        assertThat(failed.get("attempt").asInt()).isEqualTo(9);
        assertThat(failed.get("smtpReply").asText()).startsWith("gave up after").contains("451 4.3.0 try later");
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(outcomes(recipient, "SENT")).isEmpty();
    }

    @Test
    void dueDeferredRecipientIsRetriedFromTheLedgerAlone() throws Exception {
        String email = Events.address("retried");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Ledger.insert(project, campaign, recipient, 1, email, "DEFERRED", 1, "now() - interval '1 minute'",
                "now() - interval '1 second'", "now() - interval '1 minute'");

        JsonNode sent = awaitOutcome(recipient, "SENT");
        assertThat(sent.get("attempt").asInt()).isEqualTo(2);
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(Mailbox.to(email).get(0).getSubject()).isEqualTo("Hello Anna");
    }

    @Test
    void retryWaitingForItsSendersTokenHoldsNoClaim() throws Exception {
        String email = Events.address("waiting");
        // one token every 5 s, and the bucket emptied: the retry must wait for the next token
        ObjectNode control = Events.withRate(Events.control(project, campaign, "SENDING"), 1, "PT5S", 1);
        UUID sender = UUID.fromString(control.get("sender").get("id").asText());
        Events.publishControl(control);
        buckets.take(sender, 0.2, 1, 1).await().indefinitely();
        Ledger.insert(project, campaign, recipient, 1, email, "DEFERRED", 1, "now() - interval '1 minute'",
                "now() - interval '1 second'", "now() - interval '1 minute'");

        // reserved for the retry: due again far ahead (hold + send timeout), while it waits for the token
        Map<String, Object> waiting = await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Ledger.row(recipient, 1), row -> row.get("status").equals("SENT")
                        || ((Timestamp) row.get("next_attempt_at")).toInstant().isAfter(Instant.now().plusSeconds(15)));
        assertThat(waiting).containsEntry("status", "DEFERRED").containsEntry("attempt", 1);
        assertThat(Ledger.count(campaign, "status = 'CLAIMED'")).isZero();
        assertThat(Mailbox.to(email)).isEmpty();

        JsonNode sent = awaitOutcome(recipient, "SENT");
        assertThat(sent.get("attempt").asInt()).isEqualTo(2);
        assertThat(Mailbox.to(email)).hasSize(1);
    }

    @Test
    void outcomeRecordedButLeftUnpublishedByACrashIsPublished() {
        String email = Events.address("unpublished");
        Ledger.insert(project, campaign, recipient, 1, email, "BOUNCED", 1, "now() - interval '5 minutes'", "NULL",
                "now() - interval '5 minutes'");

        JsonNode bounced = awaitOutcome(recipient, "BOUNCED");
        assertThat(bounced.get("smtpCode").asInt()).isEqualTo(451);
        assertThat(bounced.get("smtpReply").asText()).isEqualTo("451 4.3.0 try later");
        assertThat(Mailbox.to(email)).isEmpty();
    }
}
