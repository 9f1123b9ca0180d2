package io.tidings.campaigns.publishing;

import io.tidings.campaigns.paging.TimeOrderedIds;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Event of topic delivery.requests (fixture delivery.requests/v1.json): one recipient to send to. */
public record DeliveryRequested(int version, UUID eventId, String type, UUID projectId, Instant occurredAt,
        UUID recipientId, UUID campaignId, UUID contactId, String email, String normalizedEmail, String firstName,
        String lastName, Map<String, String> fields, int generation) {

    public static DeliveryRequested of(PendingRecipient recipient) {
        return new DeliveryRequested(1, TimeOrderedIds.next(), "DeliveryRequested", recipient.projectId(),
                Instant.now(), recipient.id(), recipient.campaignId(), recipient.contactId(), recipient.email(),
                recipient.normalizedEmail(), recipient.firstName(), recipient.lastName(), recipient.fields(),
                recipient.generation());
    }
}
