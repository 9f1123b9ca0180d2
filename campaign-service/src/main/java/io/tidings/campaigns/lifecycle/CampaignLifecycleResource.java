package io.tidings.campaigns.lifecycle;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.idempotency.IdempotentCalls;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.problems.ResourceIds;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.tidings.campaigns.security.CallerProject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestResponse;

/** Public API: pause, resume, cancel and retry a campaign; each idempotent, each honouring an Idempotency-Key. */
@Path("/api/v1/campaigns/{id}")
@RolesAllowed("project")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignLifecycleResource {
    private static final Set<RecipientStatus> RETRYABLE = EnumSet.of(RecipientStatus.FAILED, RecipientStatus.UNKNOWN);

    private final CampaignLifecycle lifecycle;
    private final IdempotentCalls idempotent;
    private final CallerProject project;

    public CampaignLifecycleResource(CampaignLifecycle lifecycle, IdempotentCalls idempotent, CallerProject project) {
        this.lifecycle = lifecycle;
        this.idempotent = idempotent;
        this.project = project;
    }

    @POST
    @Path("/pause")
    public Uni<RestResponse<Campaign>> pause(@PathParam("id") String id, @HeaderParam(IdempotentCalls.HEADER) String key) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        UUID projectId = project.id();
        return call(projectId, key, campaignId, "pause", () -> lifecycle.pause(projectId, campaignId));
    }

    @POST
    @Path("/resume")
    public Uni<RestResponse<Campaign>> resume(@PathParam("id") String id, @HeaderParam(IdempotentCalls.HEADER) String key) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        UUID projectId = project.id();
        return call(projectId, key, campaignId, "resume", () -> lifecycle.resume(projectId, campaignId));
    }

    @POST
    @Path("/cancel")
    public Uni<RestResponse<Campaign>> cancel(@PathParam("id") String id, @HeaderParam(IdempotentCalls.HEADER) String key) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        UUID projectId = project.id();
        return call(projectId, key, campaignId, "cancel", () -> lifecycle.cancel(projectId, campaignId));
    }

    /** {@code ?status=FAILED,UNKNOWN}: which terminal recipients to send again, with a new generation. */
    @POST
    @Path("/retry")
    public Uni<RestResponse<Campaign>> retry(@PathParam("id") String id, @QueryParam("status") String status,
            @HeaderParam(IdempotentCalls.HEADER) String key) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        Set<RecipientStatus> statuses = retryable(status);
        UUID projectId = project.id();
        String names = statuses.stream().map(Enum::name).collect(Collectors.joining(","));
        return call(projectId, key, campaignId, "retry?status=" + names,
                () -> lifecycle.retry(projectId, campaignId, statuses));
    }

    private Uni<RestResponse<Campaign>> call(UUID projectId, String key, UUID campaignId, String action,
            Supplier<Uni<Campaign>> change) {
        return idempotent.answer(projectId, key, "POST /api/v1/campaigns/" + campaignId + "/" + action,
                () -> change.get().map(RestResponse::ok));
    }

    private static Set<RecipientStatus> retryable(String list) {
        if (list == null || list.isBlank()) {
            throw ProblemException.invalid("status", "is required: FAILED, UNKNOWN or both (FAILED,UNKNOWN)");
        }
        Set<RecipientStatus> statuses = EnumSet.noneOf(RecipientStatus.class);
        for (String name : list.split(",")) {
            RecipientStatus status;
            try {
                status = RecipientStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (!RETRYABLE.contains(status)) {
                throw ProblemException.invalid("status", "'" + name.trim() + "' cannot be retried; only FAILED and UNKNOWN");
            }
            statuses.add(status);
        }
        return statuses;
    }
}
