package io.tidings.contacts.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact of a project, as the API shows it. */
public record Contact(
        UUID id,
        String email,
        String normalizedEmail,
        String firstName,
        String lastName,
        Map<String, Object> fields,
        List<String> tags,
        ContactStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
