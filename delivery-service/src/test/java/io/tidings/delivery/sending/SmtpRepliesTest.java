package io.tidings.delivery.sending;

import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.rate.TokenBuckets;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.SinkRoutes;
import io.tidings.testing.SmtpSinkServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each class of SMTP reply from a real peer (Postfix's smtp-sink with scripted faults) lands in its outcome. */
@DeliveryServiceTest
class SmtpRepliesTest {
    @Inject
    TokenBuckets buckets;

    UUID project;
    UUID campaign;
    UUID recipient;
    String address;
    ObjectNode control;
    SmtpSinkServer sink;

    @BeforeEach
    void freshCampaign() {
        project = UUID.randomUUID();
        campaign = UUID.randomUUID();
        recipient = UUID.randomUUID();
        address = Events.address("anna");
        control = Events.withRate(Events.control(project, campaign, "SENDING"), 10, "PT1S", 10);
    }

    @AfterEach
    void backToGreenMail() {
        SinkRoutes.backToGreenMail(sink);
    }

    @Test
    void accepted250IsSentAndReachesThePeerOnce() {
        JsonNode outcome = send(SmtpSinkServer.recording(), "SENT");

        assertThat(outcome.get("smtpCode").asInt()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.recipients().containsKey(address));
        assertThat(sink.recipients().get(address)).isEqualTo(1);
    }

    @Test
    void softRejectionOfRecipientIsDeferredWithItsReply() {
        JsonNode outcome = send(SmtpSinkServer.counting("-r", "rcpt"), "DEFERRED");

        assertThat(outcome.get("smtpCode").asInt()).isEqualTo(450);
        assertThat(outcome.get("enhancedCode").asText()).isEqualTo("4.3.0");
        assertThat(outcome.get("nextAttemptAt").isNull()).isFalse();
        assertThat(sink.accepted()).isZero();
    }

    @Test
    void hardRejectionOfUnknownUserIsBounced() {
        JsonNode outcome = send(SmtpSinkServer.counting("-f", "rcpt", "-B", "550 5.1.1 no such user"), "BOUNCED");

        assertThat(outcome.get("smtpCode").asInt()).isEqualTo(550);
        assertThat(outcome.get("enhancedCode").asText()).isEqualTo("5.1.1");
        assertThat(outcome.get("smtpReply").asText()).contains("no such user");
    }

    @Test
    void policyRejectionBlocksTheSender() {
        JsonNode outcome = send(SmtpSinkServer.counting("-f", "data", "-B", "554 5.7.1 spam policy"),
                "SENDER_BLOCKED");

        assertThat(outcome.get("enhancedCode").asText()).isEqualTo("5.7.1");
    }

    @Test
    void rejectedSenderAddressBlocksTheSender() {
        JsonNode outcome = send(SmtpSinkServer.counting("-f", "mail"), "SENDER_BLOCKED");

        assertThat(outcome.get("smtpCode").asInt()).isEqualTo(500);
    }

    @Test
    void droppedConnectionAfterTheFinalDotIsUnknownAndNotRetried() {
        JsonNode outcome = send(SmtpSinkServer.counting("-q", "."), "UNKNOWN");

        assertThat(outcome.get("smtpCode").isNull()).isTrue();
        assertThat(outcome.get("messageId").asText()).startsWith("<" + recipient + ".1@");
    }

    @Test
    void serviceClosing421IsDeferredAndSlowsTheSenderUntilItRecovers() {
        send(SmtpSinkServer.counting("-p", "-Q", "rcpt"), "DEFERRED");
        UUID sender = UUID.fromString(control.get("sender").get("id").asText());

        assertThat(buckets.effectiveRate(sender).await().indefinitely()).isEqualTo(5.0);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            buckets.take(sender, 10, 10, 1).await().indefinitely();
            return buckets.effectiveRate(sender).await().indefinitely() == 10.0;
        });
    }

    @Test
    void rateLimitedReply451With47IsDeferredAndSlowsTheSender() {
        JsonNode outcome = send(SmtpSinkServer.counting("-r", "rcpt", "-b", "451 4.7.1 too many messages, slow down"),
                "DEFERRED");
        UUID sender = UUID.fromString(control.get("sender").get("id").asText());

        assertThat(outcome.get("enhancedCode").asText()).isEqualTo("4.7.1");
        assertThat(buckets.effectiveRate(sender).await().indefinitely()).isEqualTo(5.0);
    }

    private JsonNode send(SmtpSinkServer started, String status) {
        sink = SinkRoutes.routeTo(started);
        Events.publishControl(control);
        Events.publishRequest(Events.request(project, campaign, recipient, address));
        try {
            return awaitOutcome(recipient, status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + status + " outcome; outcomes: "
                    + io.tidings.delivery.support.TestKafka.outcomes(recipient), e);
        }
    }
}
