package io.tidings.contacts.segment;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.security.ProjectScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * What campaign-service reads at expansion (deploy/contracts/README.md, "Internal HTTP"): a segment, and its
 * members one keyset page at a time, ordered by contact id. Service tokens only; the project comes from the token.
 */
@Path("/internal/segments")
@RolesAllowed(ProjectScope.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalSegmentResource {
    static final int DEFAULT_MEMBERS_LIMIT = 1000;
    static final int MAX_MEMBERS_LIMIT = 5000;

    private final SegmentService segments;
    private final ProjectScope scope;

    public InternalSegmentResource(SegmentService segments, ProjectScope scope) {
        this.segments = segments;
        this.scope = scope;
    }

    @GET
    @Path("{id}")
    public Uni<Segment> get(@RestPath String id) {
        return segments.get(scope.projectId(), id);
    }

    @GET
    @Path("{id}/members")
    public Uni<Page<SegmentMember>> members(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        PageRequest<UUID> page = PageRequest.byId(after, limit, DEFAULT_MEMBERS_LIMIT, MAX_MEMBERS_LIMIT);
        return segments.members(scope.projectId(), id, page);
    }
}
