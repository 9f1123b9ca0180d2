package io.tidings.delivery.suppression;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
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
        List<String> problems = new ArrayList<>();
        if (version == null || version != 1) {
            problems.add("version " + version + " is not 1");
        }
        if (!TYPE.equals(type)) {
            problems.add("type " + type + " is not " + TYPE);
        }
        if (projectId == null) {
            problems.add("projectId is missing");
        }
        if (normalizedEmail == null || normalizedEmail.isBlank()) {
            problems.add("normalizedEmail is missing");
        }
        if (suppressed == null) {
            problems.add("suppressed is missing");
        }
        return problems;
    }
}
