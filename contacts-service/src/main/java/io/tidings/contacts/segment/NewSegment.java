package io.tidings.contacts.segment;

import java.util.List;

/** The body of {@code POST /api/v1/segments}; {@code filter.status} defaults to [SUBSCRIBED]. */
public record NewSegment(String name, Filter filter) {

    /** The filter as clients write it, validated by {@link SegmentService}. */
    public record Filter(List<String> tagsAll, List<String> tagsAny, List<String> tagsNone, List<String> status) {
    }
}
