package io.tidings.delivery.sending;

import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Room for one send on one SMTP client ({@link SmtpTransport#slot()}). Whoever holds it claims the recipient, sends
 * through it, records the reply, and then releases it: the claim lives inside the slot.
 */
public interface SmtpSlot {
    /**
     * Composes the mail on the client's context and sends it under the send deadline, which runs from this start; a
     * refused composition is FAILED, unsent. One send a slot.
     */
    Uni<SmtpReply> send(Supplier<Mail> compose);

    /** Frees the slot (no further send on it). Safe to call more than once. */
    void release();
}
