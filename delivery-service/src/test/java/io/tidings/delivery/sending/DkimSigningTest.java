package io.tidings.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tidings.delivery.support.CurrentBroker;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.DeliveryTest;
import io.tidings.delivery.support.DkimKeyResource;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code quarkus.mailer.dkim.*} set, every mail leaves signed (RFC 6376) for the sender's domain: the signature
 * found at the real SMTP server verifies against the public key, with Apache James jDKIM as a receiver would, and
 * no longer verifies once the mail is altered. RFC 8058 section 4 also asks that the signature cover
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}, or receivers ignore the one-click link.
 */
@DeliveryServiceTest
@WithTestResource(value = DkimKeyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DkimSigningTest {
    String address;
    byte[] raw;

    @BeforeEach
    void sendOneMail() throws Exception {
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        address = Events.address("signed");
        CurrentBroker.send("campaign.control", campaign.toString(),
                Events.control(project, campaign, "SENDING").toString());
        CurrentBroker.send("delivery.requests", recipient.toString(),
                Events.request(project, campaign, recipient, address).toString());

        await().atMost(DeliveryTest.WAIT).until(() -> CurrentBroker.statuses(recipient).contains("SENT"));
        List<MimeMessage> mails = Mailbox.to(address);
        assertThat(mails).hasSize(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mails.get(0).writeTo(out);
        raw = out.toByteArray();
    }

    @Test
    void mailCarriesOneRsaSha256SignatureOfTheSendersDomain() throws Exception {
        MimeMessage mail = Mailbox.to(address).get(0);
        String[] signatures = mail.getHeader("DKIM-Signature");
        assertThat(signatures).as("DKIM-Signature headers").hasSize(1);

        Map<String, String> tags = tags(signatures[0]);
        assertThat(tags).containsEntry("v", "1")
                .containsEntry("a", "rsa-sha256")
                .containsEntry("d", DkimKeyResource.DOMAIN)
                .containsEntry("s", DkimKeyResource.selector())
                .containsKeys("bh", "b");
        assertThat(signedHeaders(tags)).contains("from", "to", "subject", "message-id");
    }

    @Test
    void signatureVerifiesWithThePublicKeyAndFailsOnceTheMailIsAltered() throws Exception {
        List<SignatureRecord> verified = verifier().verify(new ByteArrayInputStream(raw));

        assertThat(verified).as("signatures that verify").hasSize(1);
        assertThat(verified.get(0).getDToken().toString()).isEqualTo(DkimKeyResource.DOMAIN);
        assertThat(verified.get(0).getSelector().toString()).isEqualTo(DkimKeyResource.selector());

        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Subject: Hello Anna");
        byte[] otherSubject = text.replace("Subject: Hello Anna", "Subject: Hello Anne")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(otherSubject)))
                .isInstanceOf(FailException.class);
        assertThat(text).contains("Dear Anna Schmidt");
        byte[] otherBody = text.replace("Dear Anna Schmidt", "Dear Anne Schmidt").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(otherBody)))
                .isInstanceOf(FailException.class);
    }

    @Test
    void signatureCoversTheOneClickUnsubscribeHeaders() throws Exception {
        MimeMessage mail = Mailbox.to(address).get(0);
        assertThat(mail.getHeader("List-Unsubscribe")).isNotNull();

        // RFC 8058 section 4: "The List-Unsubscribe and List-Unsubscribe-Post headers MUST be covered by the signature"
        assertThat(signedHeaders(tags(mail.getHeader("DKIM-Signature")[0])))
                .contains("list-unsubscribe", "list-unsubscribe-post");
    }

    /** A receiver's verifier whose "DNS" knows only the test key, at selector._domainkey.domain. */
    private static DKIMVerifier verifier() {
        PublicKeyRecordRetriever dns = (method, selector, domain) -> {
            if (selector.toString().equals(DkimKeyResource.selector())
                    && domain.toString().equals(DkimKeyResource.DOMAIN)) {
                return List.of(DkimKeyResource.dnsRecord());
            }
            throw new PermFailException("no key record at " + selector + "._domainkey." + domain);
        };
        return new DKIMVerifier(dns);
    }

    /** The tag=value pairs of a DKIM-Signature header, whitespace (folding) removed. */
    private static Map<String, String> tags(String header) {
        Map<String, String> tags = new HashMap<>();
        for (String tag : header.replaceAll("\\s+", "").split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq), tag.substring(eq + 1));
            }
        }
        return tags;
    }

    private static List<String> signedHeaders(Map<String, String> tags) {
        return Arrays.stream(tags.get("h").split(":")).map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }
}
