package io.tidings.contacts.suppression;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of whether an address of a project may be mailed, as published on the compacted
 * {@code contacts.suppressions} topic (fixture {@code contacts.suppressions/v1.json}).
 */
public record SuppressionChanged(
        int version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        String normalizedEmail,
        UUID contactId,
        boolean suppressed,
        String reason) {

    public static final String TYPE = "SuppressionChanged";

    /** The record key: the topic is compacted by project and normalised address. */
    public static String key(UUID projectId, String normalizedEmail) {
        return projectId + ":" + normalizedEmail;
    }
}
