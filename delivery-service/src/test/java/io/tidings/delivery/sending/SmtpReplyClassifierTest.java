package io.tidings.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.delivery.outcome.DeliveryStatus;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.ext.mail.SMTPException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** One test per row of the classifier's table, with failures shaped as Vert.x mail 4.5 raises them. */
class SmtpReplyClassifierTest {

    private static SMTPException reply(String stage, String line) {
        return new SMTPException(stage, Integer.parseInt(line.substring(0, 3)), List.of(line), true);
    }

    @Test
    void successIsSentWithCode250() {
        SmtpReply reply = SmtpReplyClassifier.accepted();
        assertThat(reply.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(reply.code()).isEqualTo(250);
    }

    @Test
    void mailRefusedBeforeSendingFailed() {
        SmtpReply reply = SmtpReplyClassifier.classify(new UnsendableMail("the subject holds a line break"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(reply.code()).isNull();
        assertThat(reply.text()).isEqualTo("not sent: the subject holds a line break");
    }

    @Test
    void policyRejection57xBlocksTheSender() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("recipient address not accepted",
                "550 5.7.1 Message rejected due to local policy"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.SENDER_BLOCKED);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhancedCode()).isEqualTo("5.7.1");
        assertThat(reply.text()).isEqualTo("550 5.7.1 Message rejected due to local policy");
    }

    @Test
    void permanentRefusalOfTheSenderAddressBlocksTheSender() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("sender address not accepted",
                "553 5.1.8 <news@tidings.example>: Sender address rejected: Domain not found"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.SENDER_BLOCKED);
        assertThat(reply.enhancedCode()).isEqualTo("5.1.8");
    }

    @Test
    void permanentReplyToRecipientBounces() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("recipient address not accepted",
                "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhancedCode()).isEqualTo("5.1.1");
    }

    @Test
    void permanentReplyToTheFinalDotBounces() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("sending data failed", "554 5.6.0 Message malformed"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.BOUNCED);
    }

    @Test
    void permanentReplyWithoutEnhancedCodeBouncesWithoutOne() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("DATA command not accepted", "554 no valid recipients"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(reply.enhancedCode()).isNull();
    }

    @Test
    void transientReplyDefers() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("sending data failed",
                "451 4.3.0 Error: queue file write error"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhancedCode()).isEqualTo("4.3.0");
    }

    @Test
    void throttlingReplyWithPolicyCodeDefersRatherThanBlocks() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("recipient address not accepted",
                "451 4.7.1 rate limited, try again later"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.DEFERRED);
    }

    @Test
    void permanentReplyOutsideTheMailTransactionDefers() {
        SmtpReply reply = SmtpReplyClassifier.classify(reply("reset command failed", "502 5.5.1 not recognised"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.DEFERRED);
    }

    @Test
    void refusedConnectionDefers() {
        SmtpReply reply = SmtpReplyClassifier.classify(new ConnectException("Connection refused: /127.0.0.1:2525"));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(reply.code()).isNull();
        assertThat(reply.text()).contains("connection failed").contains("Connection refused");
    }

    @Test
    void unknownHostAndTlsHandshakeFailuresDefer() {
        assertThat(SmtpReplyClassifier.classify(new UnknownHostException("smtp.nowhere.example")).status())
                .isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(SmtpReplyClassifier.classify(new IllegalStateException("tls",
                new SSLHandshakeException("no cipher suites in common"))).status()).isEqualTo(DeliveryStatus.DEFERRED);
    }

    @Test
    void refusedGreetingOrEhloDefers() {
        assertThat(SmtpReplyClassifier.classify(new NoStackTraceThrowable("got error response 554 no SMTP service"))
                .status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(SmtpReplyClassifier.classify(new NoStackTraceThrowable("HELO failed.")).status())
                .isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(SmtpReplyClassifier.classify(new NoStackTraceThrowable("AUTH PLAIN failed 535 5.7.8 bad login"))
                .status()).isEqualTo(DeliveryStatus.DEFERRED);
    }

    @Test
    void passedDeadlineIsUnknown() {
        SmtpReply reply = SmtpReplyClassifier.classify(new SendDeadlineExceeded(Duration.ofSeconds(60)));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(reply.text()).contains("PT1M").contains("not resent automatically");
    }

    @Test
    void droppedConnectionOfUnknownStageIsUnknown() {
        SmtpReply reply = SmtpReplyClassifier.classify(new IOException("socket was closed unexpected."));
        assertThat(reply.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(reply.code()).isNull();
    }

    @Test
    void everyRowOfTheTableIsCovered() {
        assertThat(SmtpReplyClassifier.RULES).extracting(SmtpReplyClassifier.Rule::name).containsExactly(
                "refused before sending", "policy rejection 5.7.x", "sender refused", "permanent reply 5xx",
                "transient reply 4xx", "reply outside the mail transaction", "connection failed",
                "dialogue refused before the transaction", "deadline passed", "stage unknown");
    }
}
