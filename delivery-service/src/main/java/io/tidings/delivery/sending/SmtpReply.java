package io.tidings.delivery.sending;

import io.tidings.delivery.outcome.DeliveryStatus;

/**
 * What became of one send: the status it leads to, the server's reply code, enhanced status code and reply text
 * (or, when the server gave none, what went wrong).
 */
public record SmtpReply(DeliveryStatus status, Integer code, String enhancedCode, String text) {

    public static SmtpReply of(DeliveryStatus status, String text) {
        return new SmtpReply(status, null, null, text);
    }
}
