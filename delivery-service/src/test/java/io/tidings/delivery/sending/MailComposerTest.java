package io.tidings.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.mailer.Mail;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.control.CampaignState;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import io.tidings.delivery.unsubscribe.UnsubscribeLinks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailComposerTest {
    private static final UUID RECIPIENT = UUID.fromString("a3b1c2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private final UnsubscribeLinks links = new UnsubscribeLinks(
            UnsubscribeLinks.readKey("classpath:tidings-test-unsubscribe.key"), "https://t.example/");
    private final MailComposer composer = new MailComposer(new MergeTemplates(), links);

    @Test
    void carriesOneClickUnsubscribeHeadersAndLinkForTemplates() {
        LedgerEntry entry = entry("anna@example.org", "Anna");
        CampaignControl control = new CampaignControl(1, UUID.randomUUID(), CampaignControl.TYPE, UUID.randomUUID(),
                Instant.now(), UUID.randomUUID(), CampaignState.SENDING,
                new CampaignControl.Sender(UUID.randomUUID(), "News", "news@tidings.example", null, null, null),
                new CampaignControl.Content("Hi", "Leave: {unsubscribeUrl}", "<a href=\"{unsubscribeUrl}\">leave</a>"));

        Mail mail = composer.compose(entry, control);

        String url = "https://t.example/u/" + links.token(entry.projectId(), entry.contactId());
        assertThat(url).matches("https://t\\.example/u/A[A-Za-z0-9_-]{65}");
        assertThat(mail.getHeaders().get("List-Unsubscribe")).containsExactly("<" + url + ">");
        assertThat(mail.getHeaders().get("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(mail.getText()).isEqualTo("Leave: " + url);
        assertThat(mail.getHtml()).isEqualTo("<a href=\"" + url + "\">leave</a>");
    }

    @Test
    void composesHeadersAndMergedBodies() {
        Mail mail = composer.compose(entry("Anna.Schmidt@Bücher.example", "Anna"), control("Tidings News",
                "Hello {contact.firstName}"));

        assertThat(mail.getTo()).containsExactly("Anna.Schmidt@xn--bcher-kva.example");
        assertThat(mail.getFrom()).isEqualTo("Tidings News <news@tidings.example>");
        assertThat(mail.getBounceAddress()).isEqualTo("news@tidings.example");
        assertThat(mail.getReplyTo()).isEqualTo("hello@tidings.example");
        assertThat(mail.getSubject()).isEqualTo("Hello Anna");
        assertThat(mail.getText()).isEqualTo("Dear Anna,");
        assertThat(mail.getHtml()).isEqualTo("<p>Dear Anna,</p>");
        assertThat(mail.getHeaders().get("Message-ID")).containsExactly("<" + RECIPIENT + ".1@tidings.example>");
    }

    @Test
    void messageIdNamesRecipientGenerationAndSenderDomain() {
        assertThat(MailComposer.messageId(RECIPIENT, 3, "news@Bücher.example"))
                .isEqualTo("<" + RECIPIENT + ".3@xn--bcher-kva.example>");
    }

    @Test
    void refusesLineBreakInRenderedSubject() {
        assertThatThrownBy(() -> composer.compose(entry("anna@example.org", "Anna\r\nBcc: eve@example.net"),
                control("Tidings", "Hello {contact.firstName}")))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("subject");
    }

    @Test
    void refusesLineBreakOrNulInSenderName() {
        assertThatThrownBy(() -> composer.compose(entry("anna@example.org", "Anna"), control("News\nBcc: x", "Hi")))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("sender name");
        assertThatThrownBy(() -> composer.compose(entry("anna@example.org", "Anna"), control("News\0", "Hi")))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("sender name");
    }

    @Test
    void refusesAddressesTheEnvelopeCannotCarry() {
        assertThatThrownBy(() -> composer.compose(entry("anna@example.org;Anna;Schmidt", "Anna"), control("N", "Hi")))
                .isInstanceOf(UnsendableMail.class);
        assertThatThrownBy(() -> composer.compose(entry("ännä@example.org", "Anna"), control("N", "Hi")))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("not plain ASCII");
        assertThatThrownBy(() -> composer.compose(entry("no-at-sign", "Anna"), control("N", "Hi")))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("not an email address");
    }

    private static LedgerEntry entry(String email, String firstName) {
        return new LedgerEntry(RECIPIENT, 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), email,
                email.toLowerCase(), firstName, "Schmidt", Map.of(), LedgerStatus.CLAIMED, UUID.randomUUID(),
                Instant.now(), 1, null, null, null, MailComposer.messageId(RECIPIENT, 1, "news@tidings.example"),
                null, Instant.now());
    }

    private static CampaignControl control(String fromName, String subject) {
        return new CampaignControl(1, UUID.randomUUID(), CampaignControl.TYPE, UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), CampaignState.SENDING,
                new CampaignControl.Sender(UUID.randomUUID(), "News", "news@tidings.example", fromName,
                        "hello@tidings.example", null),
                new CampaignControl.Content(subject, "Dear {contact.firstName},", "<p>Dear {contact.firstName},</p>"));
    }
}
