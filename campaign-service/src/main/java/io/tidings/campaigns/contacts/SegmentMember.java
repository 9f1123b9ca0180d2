package io.tidings.campaigns.contacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.UUID;

/** One member of a segment at expansion time (an item of fixture http/segment-members.v1.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentMember(UUID contactId, String email, String normalizedEmail, String firstName, String lastName,
        Map<String, String> fields) {
}
