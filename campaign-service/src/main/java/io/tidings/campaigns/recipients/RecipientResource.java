package io.tidings.campaigns.recipients;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.paging.Page;
import io.tidings.campaigns.paging.PageRequest;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.problems.ResourceIds;
import io.tidings.campaigns.security.CallerProject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Public API: who got the campaign, who did not, and why, one keyset page at a time. */
@Path("/api/v1/campaigns/{id}/recipients")
@RolesAllowed("project")
@Produces(MediaType.APPLICATION_JSON)
public class RecipientResource {
    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final CallerProject project;

    public RecipientResource(CampaignRepository campaigns, RecipientRepository recipients, CallerProject project) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.project = project;
    }

    @GET
    public Uni<Page<Recipient>> list(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        Set<RecipientStatus> statuses = statuses(status);
        PageRequest page = PageRequest.of(after, limit);
        UUID projectId = project.id();
        return campaigns.find(projectId, campaignId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("campaign"))
                .chain(campaign -> recipients.list(projectId, campaignId, statuses, page))
                .map(items -> Page.of(items, page, Recipient::id));
    }

    private static Set<RecipientStatus> statuses(String list) {
        Set<RecipientStatus> statuses = EnumSet.noneOf(RecipientStatus.class);
        if (list == null || list.isBlank()) {
            return statuses;
        }
        for (String name : list.split(",")) {
            try {
                statuses.add(RecipientStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "has an unknown status '" + name.trim()
                        + "'; known: " + EnumSet.allOf(RecipientStatus.class));
            }
        }
        return statuses;
    }
}
