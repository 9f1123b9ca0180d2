package io.tidings.campaigns.recipients;

import io.smallrye.mutiny.Multi;
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
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestMulti;

/** Public API: who got the campaign, who did not, and why: one keyset page at a time (JSON), or all of it (CSV). */
@Path("/api/v1/campaigns/{id}/recipients")
@RolesAllowed("project")
@Produces(MediaType.APPLICATION_JSON)
public class RecipientResource {
    static final int CSV_PAGE = 2000;

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

    /**
     * The whole list as CSV, streamed: keyset pages of {@value #CSV_PAGE} rows are read one after another as the
     * client takes them, so a million rows are never held at once.
     */
    @GET
    // qs: a client that accepts anything (*/*) gets the JSON page; CSV only when asked for
    @Produces(RecipientCsv.MEDIA_TYPE + ";qs=0.5")
    public Multi<String> csv(@PathParam("id") String id, @QueryParam("status") String status) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        Set<RecipientStatus> statuses = statuses(status);
        UUID projectId = project.id();
        return RestMulti.fromUniResponse(campaigns.find(projectId, campaignId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("campaign")),
                campaign -> Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(RecipientCsv.HEADER),
                        pages(projectId, campaignId, statuses).map(RecipientCsv::lines)),
                campaign -> Map.of("Content-Disposition",
                        List.of("attachment; filename=\"recipients-" + campaignId + ".csv\"")));
    }

    private Multi<List<Recipient>> pages(UUID projectId, UUID campaignId, Set<RecipientStatus> statuses) {
        AtomicReference<UUID> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> recipients.rows(projectId, campaignId, statuses, after.get(), CSV_PAGE)
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                after.set(page.get(page.size() - 1).id());
                            }
                        }))
                .whilst(page -> page.size() == CSV_PAGE)
                .filter(page -> !page.isEmpty());
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
