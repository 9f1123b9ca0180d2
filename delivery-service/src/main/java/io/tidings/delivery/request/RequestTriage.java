package io.tidings.delivery.request;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.control.CampaignControls;
import io.tidings.delivery.control.CampaignState;
import io.tidings.delivery.ledger.DeliveryLedger;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import io.tidings.delivery.outcome.DeliveryOutcome;
import io.tidings.delivery.outcome.DeliveryStatus;
import io.tidings.delivery.outcome.LedgerOutcomes;
import io.tidings.delivery.outcome.OutcomePublisher;
import io.tidings.delivery.rate.SendToken;
import io.tidings.delivery.rate.SenderThrottles;
import io.tidings.delivery.sending.DeliveryAttempt;
import io.tidings.delivery.sending.MailComposer;
import io.tidings.delivery.suppression.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Decides what one delivery request leads to. A generation the ledger already holds is never sent again: its
 * recorded outcome is re-published, a claim that outlived its lease settles as UNKNOWN, and a parked row is left to
 * the retry loop. Otherwise a cancelled or paused campaign answers CANCELLED or PAUSED untried, a suppressed address
 * SUPPRESSED, and a sending campaign waits for a token of its sender's global bucket, at most
 * {@code rate.request-hold}; with a token it looks again (the campaign may have been paused meanwhile), claims and
 * attempts; without one it parks the recipient in the ledger for the retry loop, so that no Kafka record waits long.
 */
@ApplicationScoped
public class RequestTriage {
    public static final String DEAD_CLAIM = "claimed for sending but no reply was ever recorded (the delivering pod"
            + " stopped inside the send); it may have been delivered, so it is not resent automatically";

    private final CampaignControls controls;
    private final DeliveryLedger ledger;
    private final DeliveryAttempt attempt;
    private final LedgerOutcomes recorded;
    private final OutcomePublisher outcomes;
    private final DeliveryConfig config;
    private final Suppressions suppressions;
    private final SenderThrottles throttles;

    RequestTriage(CampaignControls controls, DeliveryLedger ledger, DeliveryAttempt attempt, LedgerOutcomes recorded,
            OutcomePublisher outcomes, DeliveryConfig config, Suppressions suppressions, SenderThrottles throttles) {
        this.suppressions = suppressions;
        this.throttles = throttles;
        this.controls = controls;
        this.ledger = ledger;
        this.attempt = attempt;
        this.recorded = recorded;
        this.outcomes = outcomes;
        this.config = config;
    }

    public Uni<Void> handle(DeliveryRequest request) {
        return suppressions.ready().chain(() -> controls.await(request.campaignId(), config.controlWait()))
                .invoke(control -> {
                    if (!control.projectId().equals(request.projectId())) {
                        throw new UndeliverableRequest("campaign " + request.campaignId()
                                + " does not belong to project " + request.projectId());
                    }
                })
                .chain(control -> ledger.find(request.projectId(), request.recipientId(), request.generation())
                        .chain(existing -> existing != null ? redelivered(existing) : firstSeen(request, control)));
    }

    private Uni<Void> firstSeen(DeliveryRequest request, CampaignControl control) {
        Uni<Void> untried = untried(request, control);
        if (untried != null) {
            return untried;
        }
        return throttles.acquire(control.sender())
                .ifNoItem().after(config.rate().requestHold()).recoverWithItem((SendToken) null)
                .chain(token -> {
                    CampaignControl now = controls.current(request.campaignId()).orElse(control);
                    Uni<Void> stopped = untried(request, now);
                    if (stopped != null || token == null) {
                        return (stopped != null ? stopped : park(request, now))
                                .onTermination().invoke(() -> release(token));
                    }
                    return claimAndSend(request, now, token).onTermination().invoke(token::release);
                });
    }

    /** No token within the hold: the recipient waits in the ledger (DEFERRED, attempt 0) for the retry loop. */
    private Uni<Void> park(DeliveryRequest request, CampaignControl control) {
        return ledger.park(request, messageId(request, control)).chain(parked -> parked != null
                ? ledger.supersedeOlder(parked)
                : ledger.find(request.projectId(), request.recipientId(), request.generation())
                        .chain(existing -> existing == null ? heldByAnotherProject(request) : redelivered(existing)));
    }

    private static String messageId(DeliveryRequest request, CampaignControl control) {
        return MailComposer.messageId(request.recipientId(), request.generation(), control.sender().fromEmail());
    }

    private static Uni<Void> heldByAnotherProject(DeliveryRequest request) {
        return Uni.createFrom().failure(new UndeliverableRequest("recipient " + request.recipientId()
                + " generation " + request.generation() + " is held in the ledger by another project"));
    }

    /** The outcome of a request that is not to be sent now, published; null when it is to be sent. */
    private Uni<Void> untried(DeliveryRequest request, CampaignControl control) {
        CampaignState state = control.state();
        if (!state.sends()) {
            DeliveryStatus status = state == CampaignState.CANCELLED ? DeliveryStatus.CANCELLED : DeliveryStatus.PAUSED;
            return outcomes.publish(DeliveryOutcome.untried(request, status, "campaign is " + state + ", not sent"));
        }
        if (suppressions.suppressed(request.projectId(), request.normalizedEmail())) {
            return outcomes.publish(DeliveryOutcome.untried(request, DeliveryStatus.SUPPRESSED,
                    "the address is suppressed in this project, not sent"));
        }
        return null;
    }

    private static void release(SendToken token) {
        if (token != null) {
            token.release();
        }
    }

    private Uni<Void> claimAndSend(DeliveryRequest request, CampaignControl control, SendToken token) {
        UUID claimId = UUID.randomUUID();
        return ledger.claim(request, claimId, messageId(request, control)).chain(claimed -> {
            if (claimed != null) {
                return send(claimed, control, token);
            }
            // another delivery of the same request got there first, or our own insert was retried after it committed
            return ledger.find(request.projectId(), request.recipientId(), request.generation()).chain(existing -> {
                if (existing == null) {
                    return heldByAnotherProject(request);
                }
                return claimId.equals(existing.claimId()) && existing.status() == LedgerStatus.CLAIMED
                        ? send(existing, control, token)
                        : redelivered(existing);
            });
        });
    }

    private Uni<Void> send(LedgerEntry claimed, CampaignControl control, SendToken token) {
        return ledger.supersedeOlder(claimed).chain(() -> attempt.run(claimed, control, token)).replaceWithVoid();
    }

    private Uni<Void> redelivered(LedgerEntry existing) {
        if (existing.parked()) {
            // parked for the retry loop, which sends it: nothing to announce, nothing to do
            return Uni.createFrom().voidItem();
        }
        if (existing.status() != LedgerStatus.CLAIMED) {
            return recorded.publish(existing);
        }
        // a live claim is left to its holder (or, once its lease is over, to the retry loop's sweep)
        return ledger.settleStaleClaim(existing, config.claimLease(), DEAD_CLAIM).chain(recorded::publish);
    }
}
