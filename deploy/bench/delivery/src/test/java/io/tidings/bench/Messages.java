package io.tidings.bench;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark's contacts and its campaign: a realistic newsletter of about 2 KB (plain text and HTML, merge
 * fields for names and city), the same for the whole stack and for the bare mail-client loop. For the loop it
 * renders each message as delivery-service does (merged subject and bodies, From, bounce address, To, Message-ID,
 * List-Unsubscribe with an HMAC-signed token of the same length, List-Unsubscribe-Post), so both send the same
 * size and the same MIME encoding.
 */
final class Messages {
    static final String FROM_EMAIL = "news@tidings.test";
    static final String FROM_NAME = "Tidings Weekly";
    static final String SUBJECT = "{contact.firstName}, your Tidings digest for this week";
    static final String TEXT = """
            Hello {contact.firstName} {contact.lastName},

            here is what happened this week in {contact.fields.city ?: 'your city'} and around the projects you follow.

            * The community garden on Mill Street opens its autumn season on Saturday at ten. Bring gloves; the
              tools and the coffee are on us.
            * Our reading circle meets on Thursday evening at the library. This month: short stories by local
              writers, two of whom will join us.
            * The repair cafe is looking for volunteers who can fix bicycles, lamps and small kitchen appliances.
              Two hours a month make a real difference.
            * Tickets for the winter concert (from €12) go on sale next Monday — members get them a day earlier.

            Thank you for reading, {contact.firstName}. If you know someone in {contact.fields.city ?: 'your city'} who
            would enjoy this letter, forward it: they can sign up from the link at the bottom of our page.

            Warm regards,
            The Tidings team

            You receive this because you subscribed with {contact.email}.
            """;
    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Your Tidings digest</title></head>
            <body style="margin:0;padding:0;background:#f4f4f4;font-family:Helvetica,Arial,sans-serif;color:#222">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
            <table role="presentation" width="600" style="background:#ffffff;padding:24px">
            <tr><td><h1 style="font-size:22px;margin:0 0 12px">Hello {contact.firstName} {contact.lastName},</h1>
            <p style="font-size:15px;line-height:1.5">here is what happened this week in
            <strong>{contact.fields.city ?: 'your city'}</strong> and around the projects you follow.</p>
            <ul style="font-size:15px;line-height:1.5">
            <li>The community garden on Mill Street opens its autumn season on Saturday at ten.</li>
            <li>Our reading circle meets on Thursday evening at the library: short stories by local writers.</li>
            <li>The repair cafe is looking for volunteers who can fix bicycles, lamps and kitchen appliances.</li>
            <li>Tickets for the winter concert (from €12) go on sale next Monday — members a day earlier.</li>
            </ul>
            <p style="font-size:15px;line-height:1.5"><a href="https://tidings.test/events?utm_source=digest"
            style="color:#0a58ca">See every event this week</a></p>
            <p style="font-size:13px;color:#666">You receive this because you subscribed with {contact.email}.</p>
            </td></tr></table></td></tr></table>
            </body></html>
            """;
    // real contact data is not all ASCII: with these names the mail client writes both parts quoted-printable
    // (UTF-8), as it would for most European newsletters, and the subject as an encoded word when the name needs it
    private static final String[] FIRST = {"Anna", "José", "Mara", "Björn", "Jules", "Aiko", "Leila", "Zoë",
        "Pedro", "Olga", "Kwame", "Mei", "Lukas", "Chloé", "Ravi", "Elena", "Jonas", "Fatima", "Noah", "Clara"};
    private static final String[] LAST = {"Schmidt", "Novák", "Lind", "Olsen", "Martin", "Sato", "Haddad", "Berg",
        "Almeida", "Ivanova", "Mensah", "Chen", "Müller", "Rossi", "Sharma", "Popescu", "Nilsson", "Rahman", "Dubois",
        "Núñez"};
    private static final String[] CITY = {"Berlin", "Prague", "Uppsala", "Bergen", "Paris", "Osaka", "Lyon", "Oslo",
        "Lisbon", "Riga", "Accra", "Taipei", "Zürich", "Turin", "Pune", "Kraków", "Malmö", "Dhaka", "Nantes", "Graz"};

    private Messages() {
    }

    static String email(String tag, int index) {
        return ascii(FIRST[index % FIRST.length]) + "." + ascii(LAST[(index / FIRST.length) % LAST.length]) + "."
                + tag + index + "@example" + (index % 50) + ".org";
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** {@code count} contacts as the CSV the import takes: email, first_name, last_name, city. */
    static byte[] contactsCsv(String tag, int count) {
        StringBuilder csv = new StringBuilder(count * 64).append("email,first_name,last_name,city\n");
        for (int i = 0; i < count; i++) {
            csv.append(email(tag, i)).append(',').append(FIRST[i % FIRST.length]).append(',')
                    .append(LAST[(i / FIRST.length) % LAST.length]).append(',').append(CITY[i % CITY.length])
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The mail of contact {@code index} of the bench tag, rendered and addressed as delivery-service does. */
    static MailMessage mail(int index, String publicBaseUrl, byte[] unsubscribeKey) {
        String first = FIRST[index % FIRST.length];
        String last = LAST[(index / FIRST.length) % LAST.length];
        String city = CITY[index % CITY.length];
        String email = email("bench", index);
        UUID project = new UUID(0x0000000000004000L, 0x8000000000000001L);
        UUID contact = new UUID(0x0000000000004000L, 0x8000000000000000L | index);
        String unsubscribe = publicBaseUrl + "/u/" + token(unsubscribeKey, project, contact);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Message-ID", "<" + UUID.randomUUID() + ".1@tidings.test>")
                .add("List-Unsubscribe", "<" + unsubscribe + ">")
                .add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new MailMessage()
                .setFrom(FROM_NAME + " <" + FROM_EMAIL + ">")
                .setBounceAddress(FROM_EMAIL)
                .setTo(email)
                .setSubject(render(SUBJECT, first, last, city, email))
                .setText(render(TEXT, first, last, city, email))
                .setHtml(render(HTML, first, last, city, email))
                .setHeaders(headers);
    }

    private static String render(String template, String first, String last, String city, String email) {
        return template.replace("{contact.firstName}", first).replace("{contact.lastName}", last)
                .replace("{contact.fields.city ?: 'your city'}", city).replace("{contact.email}", email);
    }

    /** An unsubscribe token as delivery-service makes it: 0x01, project, contact, HMAC-SHA256[0..16), base64url. */
    private static String token(byte[] key, UUID project, UUID contact) {
        byte[] bytes = ByteBuffer.allocate(33 + 16).put((byte) 1)
                .putLong(project.getMostSignificantBits()).putLong(project.getLeastSignificantBits())
                .putLong(contact.getMostSignificantBits()).putLong(contact.getLeastSignificantBits()).array();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(bytes, 0, 33);
            System.arraycopy(mac.doFinal(), 0, bytes, 33, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
