package io.tidings.delivery.retry;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.control.CampaignControls;
import io.tidings.delivery.control.CampaignState;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.RetryQueue;
import io.tidings.delivery.lifecycle.DeliveryDrain;
import io.tidings.delivery.outcome.LedgerOutcomes;
import io.tidings.delivery.rate.SenderThrottles;
import io.tidings.delivery.request.RequestTriage;
import io.tidings.delivery.sending.DeliveryAttempt;
import io.tidings.delivery.suppression.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The retry loop, apart from Kafka so retries never hold a partition: every few seconds it settles claims that
 * outlived their lease (UNKNOWN), gives up on rows past the retry lifetime (FAILED 4.4.7), re-claims due DEFERRED
 * rows and sends them again from the ledger, and re-publishes outcomes a crash left unpublished.
 */
@ApplicationScoped
public class RetryLoop {
    private static final Logger LOG = Logger.getLogger(RetryLoop.class);
    // an outcome recorded longer ago than this and still not noted as published was interrupted by a crash
    private static final Duration PUBLISH_GRACE = Duration.ofSeconds(30);

    private final RetryQueue queue;
    private final CampaignControls controls;
    private final DeliveryAttempt attempt;
    private final LedgerOutcomes outcomes;
    private final DeliveryDrain drain;
    private final DeliveryConfig config;
    private final Suppressions suppressions;
    private final SenderThrottles throttles;

    RetryLoop(RetryQueue queue, CampaignControls controls, DeliveryAttempt attempt, LedgerOutcomes outcomes,
            DeliveryDrain drain, DeliveryConfig config, Suppressions suppressions, SenderThrottles throttles) {
        this.suppressions = suppressions;
        this.throttles = throttles;
        this.queue = queue;
        this.controls = controls;
        this.attempt = attempt;
        this.outcomes = outcomes;
        this.drain = drain;
        this.config = config;
    }

    @Scheduled(every = "${tidings.delivery.retry.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> round() {
        if (!drain.accepting()) {
            return Uni.createFrom().voidItem();
        }
        int batch = config.retry().batchSize();
        return queue.settleStaleClaims(config.claimLease(), RequestTriage.DEAD_CLAIM, batch).chain(outcomes::publishAll)
                .chain(() -> queue.expire(config.retry().lifetime(), batch)).chain(outcomes::publishAll)
                .chain(() -> queue.claimDue(batch))
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(this::retry)
                        .collect().asList())
                .chain(() -> queue.unpublished(PUBLISH_GRACE, batch)).chain(outcomes::publishAll)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("retry round stopped early: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> retry(LedgerEntry claimed) {
        return drain.track(() -> attemptOrHold(claimed), () -> queue.release(claimed, Instant.now()).replaceWithVoid())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("retry of recipient %s generation %d failed: %s", claimed.recipientId(),
                            claimed.generation(), e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> attemptOrHold(LedgerEntry claimed) {
        CampaignControl control = controls.current(claimed.campaignId()).orElse(null);
        if (control != null && control.state() == CampaignState.CANCELLED) {
            return queue.cancel(claimed, "campaign is CANCELLED, not retried").chain(outcomes::publish);
        }
        if (control == null || !control.state().sends()) {
            // paused, or not known yet after a restart: tried later, nothing announced, no attempt counted
            return queue.release(claimed, Instant.now().plus(config.retry().initialBackoff())).replaceWithVoid();
        }
        if (suppressions.suppressed(claimed.projectId(), claimed.normalizedEmail())) {
            return queue.suppress(claimed, "the address was suppressed in this project, not retried")
                    .chain(outcomes::publish);
        }
        // wait boundedly for a token: a claim must not age while it waits, so a long wait gives the row back
        return throttles.acquire(control.sender()).map(token -> true)
                .ifNoItem().after(config.rate().retryHold()).recoverWithItem(false)
                .chain(token -> token
                        ? queue.renew(claimed).chain(renewed -> renewed == null
                                ? Uni.createFrom().voidItem()
                                : attempt.run(renewed, control).replaceWithVoid())
                        : queue.release(claimed, Instant.now()).replaceWithVoid());
    }
}
