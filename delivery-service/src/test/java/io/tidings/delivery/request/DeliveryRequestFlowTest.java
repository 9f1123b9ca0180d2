package io.tidings.delivery.request;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static io.tidings.delivery.support.DeliveryTest.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.control.CampaignControls;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.Mailbox;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class DeliveryRequestFlowTest {
    @Inject
    CampaignControls controls;

    UUID project;
    UUID campaign;
    UUID recipient;

    @BeforeEach
    void freshIds() {
        project = UUID.randomUUID();
        campaign = UUID.randomUUID();
        recipient = UUID.randomUUID();
    }

    @Test
    void sendsMergedMailAndPublishesSentOutcomeWithFixtureFields() throws Exception {
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        String local = "anna." + recipient.toString().substring(0, 8);
        Events.publishRequest(Events.request(project, campaign, recipient, local + "@Bücher.example"));

        JsonNode sent = awaitOutcome(recipient, "SENT");
        List<MimeMessage> mails = Mailbox.to(local + "@xn--bcher-kva.example");
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Hello Anna");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Tidings News");
        assertThat(from.getAddress()).isEqualTo("news@tidings.example");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("hello@tidings.example");
        assertThat(mail.getMessageID()).isEqualTo("<" + recipient + ".1@tidings.example>");
        assertThat(Mailbox.part(mail, "text/plain")).contains("Dear Anna Schmidt,").contains("our November news.");
        assertThat(Mailbox.part(mail, "text/html")).contains("<p>Dear Anna Schmidt,</p>");

        assertThat(fieldNames(sent)).isEqualTo(fieldNames(Events.fixture("delivery.outcomes/v1-sent.json")));
        assertThat(sent.get("type").asText()).isEqualTo("DeliveryOutcome");
        assertThat(sent.get("projectId").asText()).isEqualTo(project.toString());
        assertThat(sent.get("campaignId").asText()).isEqualTo(campaign.toString());
        assertThat(sent.get("generation").asInt()).isEqualTo(1);
        assertThat(sent.get("attempt").asInt()).isEqualTo(1);
        assertThat(sent.get("smtpCode").asInt()).isEqualTo(250);
        assertThat(sent.get("messageId").asText()).isEqualTo("<" + recipient + ".1@tidings.example>");
        assertThat(sent.get("nextAttemptAt").isNull()).isTrue();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(Ledger.row(recipient, 1).get("outcome_published")));
        assertThat(Ledger.row(recipient, 1).get("status")).isEqualTo("SENT");
    }

    @Test
    void redeliveredRequestRepublishesSentOutcomeWithoutSendingAgain() {
        String email = Events.address("twice");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        ObjectNode request = Events.request(project, campaign, recipient, email);
        Events.publishRequest(request);
        JsonNode first = awaitOutcome(recipient, "SENT");

        Events.publishRequest(request);
        await().atMost(WAIT).until(() -> outcomes(recipient, "SENT").size() == 2);
        JsonNode second = outcomes(recipient, "SENT").get(1);
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(second.get("eventId").asText()).isNotEqualTo(first.get("eventId").asText());
        assertThat(second.get("messageId").asText()).isEqualTo(first.get("messageId").asText());
        assertThat(second.get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void newGenerationOfSameRecipientIsSentAgain() throws Exception {
        String email = Events.address("again");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        ObjectNode request = Events.request(project, campaign, recipient, email);
        Events.publishRequest(request);
        awaitOutcome(recipient, "SENT");

        Events.publishRequest(request.put("generation", 2).put("eventId", UUID.randomUUID().toString()));
        await().atMost(WAIT).until(() -> outcomes(recipient, "SENT").stream()
                .anyMatch(o -> o.get("generation").asInt() == 2));
        List<MimeMessage> mails = Mailbox.to(email);
        assertThat(mails).hasSize(2);
        assertThat(mails.stream().map(this::messageId))
                .containsExactlyInAnyOrder("<" + recipient + ".1@tidings.example>",
                        "<" + recipient + ".2@tidings.example>");
    }

    @Test
    void requestArrivingBeforeItsControlRecordIsSentOnceTheControlArrives() {
        String email = Events.address("early");
        Events.publishRequest(Events.request(project, campaign, recipient, email));
        await().atMost(WAIT).until(() -> controls.awaited(campaign));
        assertThat(Mailbox.to(email)).isEmpty();

        Events.publishControl(Events.control(project, campaign, "SENDING"));
        awaitOutcome(recipient, "SENT");
        assertThat(Mailbox.to(email)).hasSize(1);
    }

    @Test
    void lineBreakInRenderedSubjectFailsWithoutSending() {
        String email = Events.address("crlf");
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        ObjectNode request = Events.request(project, campaign, recipient, email);
        request.put("firstName", "Anna\r\nBcc: intruder@example.net");
        Events.publishRequest(request);

        JsonNode failed = awaitOutcome(recipient, "FAILED");
        assertThat(failed.get("smtpReply").asText()).contains("subject").contains("line break");
        assertThat(failed.get("smtpCode").isNull()).isTrue();
        assertThat(failed.get("attempt").asInt()).isEqualTo(1);
        assertThat(Mailbox.to(email)).isEmpty();
        assertThat(Mailbox.to("intruder@example.net")).isEmpty();
        assertThat(Ledger.row(recipient, 1).get("status")).isEqualTo("FAILED");
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
