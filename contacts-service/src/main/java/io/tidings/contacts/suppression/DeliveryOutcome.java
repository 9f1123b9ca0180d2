package io.tidings.contacts.suppression;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * What contacts-service reads of a {@code delivery.outcomes} event (fixtures {@code delivery.outcomes/v1-*.json});
 * a tolerant reader: other fields are ignored, and a status it does not know is simply not a bounce.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryOutcome(
        Integer version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        UUID contactId,
        String normalizedEmail,
        String status,
        Integer smtpCode,
        String enhancedCode) {

    /** A permanent failure of the address itself (RFC 3463 5.1.x: bad mailbox, bad domain, ...). */
    public boolean hardBounce() {
        return "BOUNCED".equals(status) && enhancedCode != null && enhancedCode.strip().startsWith("5.1.");
    }
}
