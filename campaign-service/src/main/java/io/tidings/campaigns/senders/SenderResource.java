package io.tidings.campaigns.senders;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.paging.Page;
import io.tidings.campaigns.paging.PageRequest;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.problems.ResourceIds;
import io.tidings.campaigns.security.CallerProject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** Public sender API: create, read, list, and lift a policy block. */
@Path("/api/v1/senders")
@RolesAllowed("project")
@Produces(MediaType.APPLICATION_JSON)
public class SenderResource {
    private final SenderRepository senders;
    private final CallerProject project;

    public SenderResource(SenderRepository senders, CallerProject project) {
        this.senders = senders;
        this.project = project;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Sender>> create(SenderRequest request, UriInfo uri) {
        Sender sender = SenderRules.newSender(request);
        return senders.insert(project.id(), sender)
                .map(saved -> RestResponse.ResponseBuilder
                        .<Sender>created(uri.getAbsolutePathBuilder().path(saved.id().toString()).build())
                        .entity(saved).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Sender> get(@PathParam("id") String id) {
        return senders.find(project.id(), ResourceIds.parse(id, "sender"))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("sender"));
    }

    @GET
    public Uni<Page<Sender>> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of(after, limit);
        return senders.list(project.id(), page).map(items -> Page.of(items, page, Sender::id));
    }

    @POST
    @Path("/{id}/unblock")
    public Uni<Sender> unblock(@PathParam("id") String id) {
        return senders.unblock(project.id(), ResourceIds.parse(id, "sender"))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("sender"));
    }
}
