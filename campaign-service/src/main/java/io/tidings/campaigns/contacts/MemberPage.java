package io.tidings.campaigns.contacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One keyset page of a segment's members; {@code next} is null after the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberPage(List<SegmentMember> items, String next) {

    public List<SegmentMember> members() {
        return items == null ? List.of() : items;
    }
}
