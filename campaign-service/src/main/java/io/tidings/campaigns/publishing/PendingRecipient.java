package io.tidings.campaigns.publishing;

import java.util.Map;
import java.util.UUID;

/** A recipient whose delivery request is not yet published (status PENDING). */
public record PendingRecipient(UUID id, UUID projectId, UUID campaignId, UUID contactId, String email,
        String normalizedEmail, String firstName, String lastName, Map<String, String> fields, int generation) {
}
