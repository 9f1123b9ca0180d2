package io.tidings.delivery.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tidings.delivery.kafka.EventProblems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recipient of a campaign to mail, as campaign-service publishes it on {@code delivery.requests} (fixture
 * {@code delivery.requests/v1.json}); a tolerant reader: unknown fields are ignored, absent optional ones are null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryRequest(
        Integer version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        UUID recipientId,
        UUID campaignId,
        UUID contactId,
        String email,
        String normalizedEmail,
        String firstName,
        String lastName,
        Map<String, String> fields,
        Integer generation) {

    public static final String TYPE = "DeliveryRequested";

    /** What makes this request unusable (version, type, missing fields); empty when it can be delivered. */
    public List<String> problems() {
        return EventProblems.envelope(version, type, TYPE)
                .require("projectId", projectId)
                .require("recipientId", recipientId)
                .require("campaignId", campaignId)
                .require("contactId", contactId)
                .require("email", email)
                .require("normalizedEmail", normalizedEmail)
                .when(generation == null || generation < 1, "generation " + generation + " is not a positive integer")
                .list();
    }

    public Map<String, String> fieldsOrEmpty() {
        return fields == null ? Map.of() : fields;
    }
}
