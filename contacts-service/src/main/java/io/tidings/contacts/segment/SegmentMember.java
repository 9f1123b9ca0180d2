package io.tidings.contacts.segment;

import java.util.Map;
import java.util.UUID;

/** One member of a segment as campaign-service reads it at expansion (fixtures/http/segment-members.v1.json). */
public record SegmentMember(
        UUID contactId,
        String email,
        String normalizedEmail,
        String firstName,
        String lastName,
        Map<String, Object> fields) {
}
