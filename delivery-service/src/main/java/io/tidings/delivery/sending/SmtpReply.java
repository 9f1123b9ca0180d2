package io.tidings.delivery.sending;

import io.tidings.delivery.outcome.DeliveryStatus;

/**
 * What became of one send: the status it leads to, the server's reply code, enhanced status code and reply text
 * (or, when the server gave none, what went wrong).
 */
public record SmtpReply(DeliveryStatus status, Integer code, String enhancedCode, String text) {

    /** The server asks to slow down: 421 (service closing), or 451/452 with a 4.7.x policy code (rate limited). */
    public boolean throttling() {
        return code != null && (code == 421
                || (code == 451 || code == 452) && enhancedCode != null && enhancedCode.startsWith("4.7."));
    }

    public static SmtpReply of(DeliveryStatus status, String text) {
        return new SmtpReply(status, null, null, text);
    }
}
