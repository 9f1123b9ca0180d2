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
import io.tidings.delivery.rate.SendToken;
import io.tidings.delivery.rate.SenderThrottles;
import io.tidings.delivery.request.RequestTriage;
import io.tidings.delivery.sending.DeliveryAttempt;
import io.tidings.delivery.sending.SmtpSlot;
import io.tidings.delivery.suppression.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The retry loop, apart from Kafka so retries never hold a partition: every few seconds it settles claims that
 * outlived their lease (UNKNOWN), gives up on rows past the retry lifetime (FAILED 4.4.7), sends due DEFERRED rows
 * (retries, and requests parked while their sender had no token) again from the ledger, and re-publishes outcomes a
 * crash left unpublished. A due row is reserved, not claimed, while it waits for its sender's token (at most
 * {@code rate.retry-hold}, else it is given back untried), and claimed right before its send, so a pod that dies
 * while waiting leaves no claim to settle as UNKNOWN; after the token it waits for a slot on an SMTP client, still
 * unclaimed. The rows of a round are handled at once, and a round that
 * found a full batch is followed by the next one at once.
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

    RetryLoop(RetryQueue queue, CampaignControls controls, DeliveryAttempt attempt,
            LedgerOutcomes outcomes, DeliveryDrain drain, DeliveryConfig config, Suppressions suppressions,
            SenderThrottles throttles) {
        this.queue = queue;
        this.controls = controls;
        this.attempt = attempt;
        this.outcomes = outcomes;
        this.drain = drain;
        this.config = config;
        this.suppressions = suppressions;
        this.throttles = throttles;
    }

    @Scheduled(every = "${tidings.delivery.retry.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> round() {
        if (!drain.accepting()) {
            return Uni.createFrom().voidItem();
        }
        int batch = config.retry().batchSize();
        return queue.settleStaleClaims(config.claimLease(), RequestTriage.DEAD_CLAIM, batch).chain(outcomes::publishAll)
                .chain(() -> queue.expire(config.retry().lifetime(), batch)).chain(outcomes::publishAll)
                .chain(() -> queue.reserveDue(batch, reservation()))
                .chain(reserved -> retryAll(reserved).replaceWith(reserved.size() >= batch))
                .call(() -> queue.unpublished(PUBLISH_GRACE, batch).chain(outcomes::publishAll))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("retry round stopped early: %s", e.toString());
                    return false;
                })
                .chain(full -> full ? round() : Uni.createFrom().voidItem());
    }

    // a reserved row is skipped by every pod until its wait for a token and its claim are surely over
    private Duration reservation() {
        return config.rate().retryHold().plus(config.sendTimeout());
    }

    private Uni<Void> retryAll(List<LedgerEntry> reserved) {
        return Multi.createFrom().iterable(reserved)
                .onItem().transformToUniAndMerge(this::retry)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> retry(LedgerEntry reserved) {
        return drain.track(() -> attemptOrHold(reserved), () -> queue.postpone(reserved, Instant.now()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("retry of recipient %s generation %d failed: %s", reserved.recipientId(),
                            reserved.generation(), e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> attemptOrHold(LedgerEntry reserved) {
        CampaignControl control = controls.current(reserved.campaignId()).orElse(null);
        if (control != null && control.state() == CampaignState.CANCELLED) {
            return queue.cancel(reserved, "campaign is CANCELLED, not retried").chain(outcomes::publish);
        }
        if (control == null || !control.state().sends()) {
            // paused, or not known yet after a restart: tried later, nothing announced, no attempt counted
            return queue.postpone(reserved, Instant.now().plus(config.retry().initialBackoff()));
        }
        if (suppressions.suppressed(reserved.projectId(), reserved.normalizedEmail())) {
            return queue.suppress(reserved, "the address was suppressed in this project, not retried")
                    .chain(outcomes::publish);
        }
        // wait boundedly for a token, holding no claim: a long wait gives the row back, due at once
        return throttles.acquire(control.sender())
                .ifNoItem().after(config.rate().retryHold()).recoverWithItem((SendToken) null)
                .chain(token -> token == null
                        ? queue.postpone(reserved, Instant.now())
                        : attempt.inSlot(token, slot -> claimAndSend(reserved, token, slot)));
    }

    // claimed only with a token and a slot on an SMTP client, right before the send
    private Uni<Void> claimAndSend(LedgerEntry reserved, SendToken token, SmtpSlot slot) {
        CampaignControl control = controls.current(reserved.campaignId()).orElse(null);
        if (control == null || !control.state().sends() || !drain.accepting()) {
            // paused or cancelled while waiting, or shutting down: the next round (of some pod) sees it
            return queue.postpone(reserved, Instant.now());
        }
        return queue.claim(reserved).chain(claimed -> {
            if (claimed == null) {
                return Uni.createFrom().voidItem(); // another pod took it, or it was settled
            }
            return attempt.send(claimed, control, token, slot, false);
        });
    }
}
