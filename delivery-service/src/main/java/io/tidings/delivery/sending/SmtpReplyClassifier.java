package io.tidings.delivery.sending;

import io.tidings.delivery.outcome.DeliveryStatus;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the way a send failed into a delivery status, by an ordered table whose first matching row wins.
 * A mail refused before sending (its headers, its addresses) FAILED and was never sent.
 * A reply of the server ({@link SMTPException}) says exactly what happened; a failure before the SMTP dialogue
 * (connect, greeting, EHLO, STARTTLS, AUTH) means nothing was sent; anything else (a deadline, a dropped
 * connection) may have happened after the final dot, so it is UNKNOWN and never resent automatically.
 */
public final class SmtpReplyClassifier {
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");
    // Vert.x mail 4.5 names the transaction stage in the message of an SMTPException
    private static final String MAIL_FROM = "sender address not accepted";
    private static final List<String> TRANSACTION = List.of(MAIL_FROM, "recipient address not accepted",
            "DATA command not accepted", "sending data failed");
    // Vert.x mail 4.5 messages of a failed initial dialogue (greeting, EHLO/HELO, STARTTLS, AUTH)
    private static final List<String> DIALOGUE = List.of("got error response", "HELO failed", "STARTTLS required",
            "AUTH ", "login is required");

    /** One row of the table: a name, which failures it matches, and the status they lead to. */
    record Rule(String name, Predicate<Throwable> matches, DeliveryStatus status) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("refused before sending", f -> f instanceof UnsendableMail, DeliveryStatus.FAILED),
            new Rule("policy rejection 5.7.x", f -> inTransaction(f) && permanent(f) && enhanced(f).startsWith("5.7."),
                    DeliveryStatus.SENDER_BLOCKED),
            new Rule("sender refused", f -> stage(f, MAIL_FROM) && permanent(f), DeliveryStatus.SENDER_BLOCKED),
            new Rule("permanent reply 5xx", f -> inTransaction(f) && permanent(f), DeliveryStatus.BOUNCED),
            new Rule("transient reply 4xx", f -> f instanceof SMTPException e && e.getReplyCode() / 100 == 4,
                    DeliveryStatus.DEFERRED),
            new Rule("reply outside the mail transaction", f -> f instanceof SMTPException, DeliveryStatus.DEFERRED),
            new Rule("connection failed", SmtpReplyClassifier::connectFailure, DeliveryStatus.DEFERRED),
            new Rule("dialogue refused before the transaction",
                    f -> !(f instanceof SMTPException) && startsWithAny(f.getMessage(), DIALOGUE),
                    DeliveryStatus.DEFERRED),
            new Rule("deadline passed", f -> f instanceof SendDeadlineExceeded, DeliveryStatus.UNKNOWN),
            new Rule("stage unknown", f -> true, DeliveryStatus.UNKNOWN));

    private SmtpReplyClassifier() {
    }

    public static SmtpReply accepted() {
        // Vert.x mail reports success without the text of the final reply: only its class (2xx) is known
        return new SmtpReply(DeliveryStatus.SENT, 250, null, null);
    }

    public static SmtpReply classify(Throwable failure) {
        Rule rule = RULES.stream().filter(r -> r.matches().test(failure)).findFirst().orElseThrow();
        if (failure instanceof SMTPException e) {
            String text = String.join("\n", e.getReplyMessages()).replace("\r", "").strip();
            return new SmtpReply(rule.status(), e.getReplyCode(), emptyToNull(enhanced(e)), text);
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String text = switch (rule.status()) {
            case UNKNOWN -> "no reply to the end of the message (" + detail + "); it may have been delivered,"
                    + " so it is not resent automatically";
            case FAILED -> "not sent: " + detail;
            default -> rule.name() + ": " + detail;
        };
        return SmtpReply.of(rule.status(), text);
    }

    static String enhanced(Throwable failure) {
        if (failure instanceof SMTPException e && !e.getReplyMessages().isEmpty()) {
            Matcher m = ENHANCED.matcher(e.getReplyMessages().get(0));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    private static boolean permanent(Throwable failure) {
        return failure instanceof SMTPException e && e.getReplyCode() / 100 == 5;
    }

    private static boolean inTransaction(Throwable failure) {
        return failure instanceof SMTPException && startsWithAny(failure.getMessage(), TRANSACTION);
    }

    private static boolean stage(Throwable failure, String stage) {
        return failure instanceof SMTPException && startsWithAny(failure.getMessage(), List.of(stage));
    }

    private static boolean connectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String message, List<String> prefixes) {
        return message != null && prefixes.stream().anyMatch(message::startsWith);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
