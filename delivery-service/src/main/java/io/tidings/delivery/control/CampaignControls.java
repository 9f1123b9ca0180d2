package io.tidings.delivery.control;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This pod's view of every campaign: the latest control record per campaign id, rebuilt from the compacted topic
 * at each start. A request of a campaign not known yet waits for its control record, boundedly.
 */
@ApplicationScoped
public class CampaignControls {
    private final Map<UUID, CampaignControl> latest = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<CampaignControl>> arrivals = new ConcurrentHashMap<>();

    public void update(CampaignControl control) {
        latest.put(control.campaignId(), control);
        CompletableFuture<CampaignControl> arrival = arrivals.remove(control.campaignId());
        if (arrival != null) {
            arrival.complete(control);
        }
    }

    /** A tombstone: campaign-service deleted the campaign. */
    public void forget(UUID campaignId) {
        latest.remove(campaignId);
    }

    public Optional<CampaignControl> current(UUID campaignId) {
        return Optional.ofNullable(latest.get(campaignId));
    }

    /** The campaign's latest control record, as soon as it is known; fails with {@link UnknownCampaign} after wait. */
    public Uni<CampaignControl> await(UUID campaignId, Duration wait) {
        CampaignControl known = latest.get(campaignId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        CompletableFuture<CampaignControl> arrival =
                arrivals.computeIfAbsent(campaignId, id -> new CompletableFuture<>());
        // the record may have arrived between the first look and registering the wait
        known = latest.get(campaignId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom().completionStage(arrival)
                .ifNoItem().after(wait).failWith(() -> new UnknownCampaign(campaignId, wait))
                // later records may have replaced the first one while the waiter resumed
                .map(first -> latest.getOrDefault(campaignId, first));
    }

    /** Whether some delivery is waiting right now for this campaign's control record. */
    public boolean awaited(UUID campaignId) {
        return arrivals.containsKey(campaignId);
    }
}
