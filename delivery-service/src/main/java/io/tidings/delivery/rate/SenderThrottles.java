package io.tidings.delivery.rate;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.tidings.delivery.control.CampaignControl;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The global per-sender rate limit (ARCHITECTURE.md invariant 4) as the sends of this pod see it: a send waits for
 * a token of its sender's global bucket, and a throttling reply of the SMTP server lowers that sender's rate.
 */
@ApplicationScoped
public class SenderThrottles {
    private static final Logger LOG = Logger.getLogger(SenderThrottles.class);

    private final TokenBuckets buckets;
    private final Vertx vertx;
    private final DeliveryConfig.Rate config;
    private final Map<UUID, SenderThrottle> throttles = new ConcurrentHashMap<>();

    SenderThrottles(TokenBuckets buckets, Vertx vertx, DeliveryConfig config) {
        this.buckets = buckets;
        this.vertx = vertx;
        this.config = config.rate();
    }

    /**
     * Completes once this send may start, with its token (release it once the send started on an SMTP client, or
     * once it will not happen); at once for a sender without a rate.
     */
    public Uni<SendToken> acquire(CampaignControl.Sender sender) {
        CampaignControl.Rate rate = sender.rate();
        if (rate == null || rate.perSecond() == null) {
            return Uni.createFrom().item(SendToken.UNUSED);
        }
        return throttles.computeIfAbsent(sender.id(),
                        id -> new SenderThrottle(id, buckets, vertx, config.storeRetry()))
                .acquire(rate.perSecond(), capacity(rate), outstanding(rate));
    }

    /**
     * How many of a sender's tokens may be out in this pod (granted, the server's reply not yet in): a share of the
     * latency margin's tokens (rate × margin / {@code rate.margin-shares}). A send the server may still accept holds
     * its token, so with up to that many pods, the sends accepted in any window are at most the margin's tokens out
     * at its start plus what the bucket (burst less the margin's tokens) grants within it: rate × window + burst,
     * however late the sends land.
     */
    int outstanding(CampaignControl.Rate rate) {
        double margin = rate.perSecond() * config.latencyMargin().toMillis() / 1000.0 / config.marginShares();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(margin)));
    }

    /** What a full bucket holds: the burst less the tokens of the latency margin, at least 1. */
    int capacity(CampaignControl.Rate rate) {
        double margin = rate.perSecond() * config.latencyMargin().toMillis() / 1000.0;
        return Math.max(1, (int) Math.floor(rate.burstOrDefault() - margin));
    }

    /** The SMTP server asked to slow down (421, 451/452 4.7.x): the sender's effective rate drops for every pod. */
    public Uni<Void> slowDown(CampaignControl.Sender sender) {
        CampaignControl.Rate rate = sender.rate();
        if (rate == null || rate.perSecond() == null) {
            return Uni.createFrom().voidItem();
        }
        return buckets.slowDown(sender.id(), rate.perSecond())
                .invoke(lowered -> {
                    if (lowered != null) {
                        LOG.infof("sender %s throttled by the SMTP server: %.3f sends/s for now", sender.id(),
                                lowered);
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
