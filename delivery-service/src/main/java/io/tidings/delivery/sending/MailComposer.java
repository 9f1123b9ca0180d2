package io.tidings.delivery.sending;

import io.quarkus.mailer.Mail;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.unsubscribe.UnsubscribeLinks;
import io.vertx.ext.mail.mailencoder.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds the mail of one ledger entry from its campaign's sender and content: merged subject and bodies, From,
 * Reply-To, To, Message-ID and the one-click unsubscribe headers (RFC 2369, RFC 8058). Refuses (with
 * {@link UnsendableMail}) what would corrupt the headers: CR, LF or NUL in a header value, an address the SMTP
 * envelope cannot carry.
 */
@ApplicationScoped
public class MailComposer {
    // RFC 5322 dot-atom: what a local part may be without quoting
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
    private final MergeTemplates templates;
    private final UnsubscribeLinks unsubscribe;

    public MailComposer(MergeTemplates templates, UnsubscribeLinks unsubscribe) {
        this.templates = templates;
        this.unsubscribe = unsubscribe;
    }

    /** The Message-ID of a recipient's generation, {@code <recipientId.generation@sender domain>}: same on retries. */
    public static String messageId(UUID recipientId, int generation, String fromEmail) {
        String domain;
        try {
            String ascii = asciiAddress(fromEmail);
            domain = ascii.substring(ascii.lastIndexOf('@') + 1);
        } catch (UnsendableMail e) {
            domain = "invalid"; // the send itself will fail on the same address
        }
        return "<" + recipientId + "." + generation + "@" + domain + ">";
    }

    public Mail compose(LedgerEntry entry, CampaignControl control) {
        CampaignControl.Sender sender = control.sender();
        CampaignControl.Content content = control.content();
        Map<String, Object> contact = MergeTemplates.contact(entry.email(), entry.firstName(), entry.lastName(),
                entry.fields());
        String unsubscribeUrl = unsubscribe.url(entry.projectId(), entry.contactId());
        String subject = header("subject", templates.text(content.subject(), contact, unsubscribeUrl));
        String fromEmail = asciiAddress(header("sender address", sender.fromEmail()));
        String fromName = header("sender name", sender.fromName());
        String from = fromName == null || fromName.isBlank() ? fromEmail : fromName.strip() + " <" + fromEmail + ">";
        String to = asciiAddress(header("recipient address", entry.email()));
        Mail mail = new Mail()
                .setFrom(parseable("sender", from))
                .setBounceAddress(fromEmail)
                .addTo(parseable("recipient address", to))
                .setSubject(subject)
                .setText(orEmpty(templates.text(content.textBody(), contact, unsubscribeUrl)))
                .addHeader("Message-ID", header("Message-ID", entry.messageId()))
                .addHeader("List-Unsubscribe", "<" + header("unsubscribe link", unsubscribeUrl) + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String html = templates.html(content.htmlBody(), contact, unsubscribeUrl);
        if (html != null) {
            mail.setHtml(html);
        }
        String replyTo = header("reply-to address", sender.replyTo());
        if (replyTo != null && !replyTo.isBlank()) {
            mail.setReplyTo(parseable("reply-to address", asciiAddress(replyTo)));
        }
        return mail;
    }

    private static String header(String name, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
            throw new UnsendableMail("the " + name + " holds a line break or NUL, which would corrupt the headers");
        }
        return value;
    }

    /** The address with its domain in ASCII (punycode), as the SMTP envelope needs it. */
    static String asciiAddress(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new UnsendableMail("'" + address + "' is not an email address");
        }
        String local = address.substring(0, at);
        if (!local.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new UnsendableMail("the local part of '" + address + "' is not plain ASCII (SMTPUTF8 is not used)");
        }
        if (!DOT_ATOM.matcher(local).matches()) {
            throw new UnsendableMail("the local part of '" + address + "' is not a plain dot-atom");
        }
        try {
            String domain = IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED | IDN.USE_STD3_ASCII_RULES);
            return local + "@" + domain.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UnsendableMail("the domain of '" + address + "' is not a valid domain name");
        }
    }

    // the mail client accepts "Name <address>" and "address"; it rejects what it cannot parse, before any connection
    private static String parseable(String what, String address) {
        try {
            new EmailAddress(address);
            return address;
        } catch (IllegalArgumentException e) {
            throw new UnsendableMail("the " + what + " '" + address + "' cannot be written in a mail header");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
