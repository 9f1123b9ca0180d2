package io.tidings.delivery.support;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** What the real SMTP server (GreenMail) received, looked up by recipient. */
public final class Mailbox {
    private Mailbox() {
    }

    public static List<MimeMessage> to(String address) {
        return Arrays.stream(SmtpRouteResource.greenMail().getReceivedMessages())
                .filter(m -> addressedTo(m, address))
                .toList();
    }

    /** The body part of the given type ("text/plain", "text/html") of a multipart mail, or its only body. */
    public static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType(type)) {
                        return String.valueOf(part.getContent());
                    }
                }
                return null;
            }
            return String.valueOf(content);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
