package io.tidings.contacts.segment;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.security.ProjectScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The public segments API: {@code /api/v1/segments}. */
@Path("/api/v1/segments")
@RolesAllowed(ProjectScope.PROJECT_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {
    private final SegmentService segments;
    private final ProjectScope scope;

    public SegmentResource(SegmentService segments, ProjectScope scope) {
        this.segments = segments;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Segment>> create(NewSegment body) {
        return segments.create(scope.projectId(), body)
                .map(s -> RestResponse.ResponseBuilder.<Segment>create(RestResponse.Status.CREATED, s)
                        .header(HttpHeaders.LOCATION, "/api/v1/segments/" + s.id()).build());
    }

    @GET
    public Uni<Page<Segment>> list(@RestQuery String after, @RestQuery String limit) {
        return segments.list(scope.projectId(), PageRequest.byId(after, limit));
    }

    @GET
    @Path("{id}")
    public Uni<Segment> get(@RestPath String id) {
        return segments.get(scope.projectId(), id);
    }
}
