package io.tidings.campaigns.campaigns;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.expansion.Expansion;
import io.tidings.campaigns.idempotency.IdempotentCalls;
import io.tidings.campaigns.paging.Page;
import io.tidings.campaigns.paging.PageRequest;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.problems.ResourceIds;
import io.tidings.campaigns.security.CallerProject;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Public campaign API: create a draft, read it with its counts, list, and send. */
@Path("/api/v1/campaigns")
@RolesAllowed("project")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {
    private final CampaignCreation creation;
    private final CampaignRepository campaigns;
    private final Expansion expansion;
    private final CampaignAnnouncer announcer;
    private final CallerProject project;
    private final IdempotentCalls idempotent;

    public CampaignResource(CampaignCreation creation, CampaignRepository campaigns, Expansion expansion,
            CampaignAnnouncer announcer, CallerProject project, IdempotentCalls idempotent) {
        this.idempotent = idempotent;
        this.creation = creation;
        this.campaigns = campaigns;
        this.expansion = expansion;
        this.announcer = announcer;
        this.project = project;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Campaign>> create(CampaignRequest request, UriInfo uri) {
        return creation.create(project.id(), request)
                .map(campaign -> RestResponse.ResponseBuilder
                        .<Campaign>created(uri.getAbsolutePathBuilder().path(campaign.id().toString()).build())
                        .entity(campaign).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Campaign> get(@PathParam("id") String id) {
        return find(project.id(), ResourceIds.parse(id, "campaign"));
    }

    @GET
    public Uni<Page<Campaign>> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of(after, limit);
        return campaigns.list(project.id(), page).map(items -> Page.of(items, page, Campaign::id));
    }

    /**
     * Starts sending: DRAFT becomes EXPANDING exactly once, however many calls race, and the expansion runs in
     * the background. Any later call answers the campaign as it stands; with an {@code Idempotency-Key}, the same
     * key answers the first answer again.
     */
    @POST
    @Path("/{id}/send")
    public Uni<RestResponse<Campaign>> send(@PathParam("id") String id,
            @HeaderParam(IdempotentCalls.HEADER) String idempotencyKey) {
        UUID projectId = project.id();
        UUID campaignId = ResourceIds.parse(id, "campaign");
        return idempotent.answer(projectId, idempotencyKey, campaignId, "send",
                () -> startSending(projectId, campaignId));
    }

    private Uni<RestResponse<Campaign>> startSending(UUID projectId, UUID campaignId) {
        return campaigns.startExpanding(projectId, campaignId)
                .invoke(started -> {
                    if (started) {
                        announcer.announceSoon();
                        expansion.continueInBackground(campaignId);
                    }
                })
                .chain(started -> find(projectId, campaignId))
                .map(campaign -> RestResponse.ResponseBuilder.<Campaign>create(RestResponse.Status.ACCEPTED)
                        .entity(campaign).build());
    }

    private Uni<Campaign> find(UUID projectId, UUID id) {
        return campaigns.find(projectId, id).onItem().ifNull().failWith(() -> ProblemException.notFound("campaign"));
    }
}
