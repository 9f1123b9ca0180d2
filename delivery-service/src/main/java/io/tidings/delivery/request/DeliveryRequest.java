package io.tidings.delivery.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
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
        List<String> problems = new ArrayList<>();
        if (version == null || version != 1) {
            problems.add("version " + version + " is not 1");
        }
        if (!TYPE.equals(type)) {
            problems.add("type " + type + " is not " + TYPE);
        }
        require(problems, "projectId", projectId);
        require(problems, "recipientId", recipientId);
        require(problems, "campaignId", campaignId);
        require(problems, "contactId", contactId);
        require(problems, "email", blankToNull(email));
        require(problems, "normalizedEmail", blankToNull(normalizedEmail));
        if (generation == null || generation < 1) {
            problems.add("generation " + generation + " is not a positive integer");
        }
        return problems;
    }

    public Map<String, String> fieldsOrEmpty() {
        return fields == null ? Map.of() : fields;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void require(List<String> problems, String name, Object value) {
        if (value == null) {
            problems.add(name + " is missing");
        }
    }
}
