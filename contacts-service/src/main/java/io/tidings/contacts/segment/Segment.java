package io.tidings.contacts.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A named filter over a project's contacts; {@code memberCount} is present when it was counted. */
public record Segment(
        UUID id,
        String name,
        SegmentFilter filter,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long memberCount,
        Instant createdAt) {

    Segment withMemberCount(long count) {
        return new Segment(id, name, filter, count, createdAt);
    }
}
