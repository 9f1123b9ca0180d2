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
import java.util.function.BiFunction;
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
        return call(ResourceIds.parse(id, "campaign"), key, "pause", lifecycle::pause);
    }

    @POST
    @Path("/resume")
    public Uni<RestResponse<Campaign>> resume(@PathParam("id") String id, @HeaderParam(IdempotentCalls.HEADER) String key) {
        return call(ResourceIds.parse(id, "campaign"), key, "resume", lifecycle::resume);
    }

    @POST
    @Path("/cancel")
    public Uni<RestResponse<Campaign>> cancel(@PathParam("id") String id, @HeaderParam(IdempotentCalls.HEADER) String key) {
        return call(ResourceIds.parse(id, "campaign"), key, "cancel", lifecycle::cancel);
    }

    /** {@code ?status=FAILED,UNKNOWN}: which terminal recipients to send again, with a new generation. */
    @POST
    @Path("/retry")
    public Uni<RestResponse<Campaign>> retry(@PathParam("id") String id, @QueryParam("status") String status,
            @HeaderParam(IdempotentCalls.HEADER) String key) {
        UUID campaignId = ResourceIds.parse(id, "campaign");
        Set<RecipientStatus> statuses = retryable(status);
        String names = statuses.stream().map(Enum::name).collect(Collectors.joining(","));
        return call(campaignId, key, "retry?status=" + names,
                (projectId, campaign) -> lifecycle.retry(projectId, campaign, statuses));
    }

    /** Makes the change for the caller's project, answering 200 with the campaign, or the key's first answer. */
    private Uni<RestResponse<Campaign>> call(UUID campaignId, String key, String action,
            BiFunction<UUID, UUID, Uni<Campaign>> change) {
        UUID projectId = project.id();
        return idempotent.answer(projectId, key, campaignId, action,
                () -> change.apply(projectId, campaignId).map(RestResponse::ok));
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
