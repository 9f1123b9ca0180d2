package io.tidings.campaigns.outcomes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** Event of topic delivery.outcomes (fixtures delivery.outcomes/v1-*.json), read tolerantly: unknown fields ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryOutcome(Integer version, UUID eventId, String type, UUID projectId, String occurredAt,
        UUID recipientId, UUID campaignId, UUID contactId, String email, String normalizedEmail, Integer generation,
        Integer attempt, OutcomeStatus status, Integer smtpCode, String enhancedCode, String smtpReply,
        String messageId, String nextAttemptAt) {
}
