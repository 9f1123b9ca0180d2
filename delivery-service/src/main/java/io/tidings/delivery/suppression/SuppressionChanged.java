package io.tidings.delivery.suppression;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tidings.delivery.kafka.EventProblems;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An address of a project that must (or no longer must) not be mailed, as contacts-service publishes it on the
 * compacted {@code contacts.suppressions} topic (fixture {@code contacts.suppressions/v1.json}); a tolerant reader.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SuppressionChanged(
        Integer version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        String normalizedEmail,
        UUID contactId,
        Boolean suppressed,
        String reason) {

    public static final String TYPE = "SuppressionChanged";

    /** What makes this record unusable; empty when it is fine. */
    public List<String> problems() {
        return EventProblems.envelope(version, type, TYPE)
                .require("projectId", projectId)
                .require("normalizedEmail", normalizedEmail)
                .require("suppressed", suppressed)
                .list();
    }
}
