package io.tidings.contacts.segment;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.contact.ContactStatus;
import io.tidings.contacts.contact.Tags;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Segments of one project: validates filters, creates and reads segments, counts and pages their members. */
@ApplicationScoped
public class SegmentService {
    static final int MAX_NAME = 200;

    private final SegmentRepository segments;

    public SegmentService(SegmentRepository segments) {
        this.segments = segments;
    }

    public Uni<Segment> create(UUID projectId, NewSegment input) {
        if (input == null) {
            throw ProblemException.invalid("body", "a segment is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(FieldError.field("name", "is required, 1 to " + MAX_NAME + " characters"));
        }
        SegmentFilter filter = filter(input.filter(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return segments.insert(projectId, name, filter)
                .flatMap(segment -> segments.countMembers(projectId, filter).map(segment::withMemberCount));
    }

    /** The segment with its member count; 404 when the project has no such segment. */
    public Uni<Segment> get(UUID projectId, String id) {
        return find(projectId, id).flatMap(segment -> segments.countMembers(projectId, segment.filter())
                .map(segment::withMemberCount));
    }

    public Uni<Page<Segment>> list(UUID projectId, PageRequest<UUID> page) {
        return segments.list(projectId, page).map(items -> Page.of(items, page.limit(), s -> s.id().toString()));
    }

    public Uni<Page<SegmentMember>> members(UUID projectId, String id, PageRequest<UUID> page) {
        return find(projectId, id)
                .flatMap(segment -> segments.members(projectId, segment.filter(), page))
                .map(items -> Page.of(items, page.limit(), m -> m.contactId().toString()));
    }

    private Uni<Segment> find(UUID projectId, String id) {
        UUID segmentId;
        try {
            segmentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("segment"));
        }
        return segments.find(projectId, segmentId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("segment"));
    }

    private static SegmentFilter filter(NewSegment.Filter input, List<FieldError> errors) {
        NewSegment.Filter in = input == null ? new NewSegment.Filter(null, null, null, null) : input;
        List<ContactStatus> status = in.status() == null
                ? List.of(ContactStatus.SUBSCRIBED)
                : ContactStatus.parseList("filter.status", in.status());
        if (status.isEmpty()) {
            errors.add(FieldError.field("filter.status", "name at least one status"));
        }
        return new SegmentFilter(
                Tags.clean("filter.tagsAll", in.tagsAll(), errors),
                Tags.clean("filter.tagsAny", in.tagsAny(), errors),
                Tags.clean("filter.tagsNone", in.tagsNone(), errors),
                status);
    }
}
