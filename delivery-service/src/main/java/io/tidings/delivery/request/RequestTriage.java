package io.tidings.delivery.request;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.control.CampaignControls;
import io.tidings.delivery.control.CampaignState;
import io.tidings.delivery.ledger.DeliveryLedger;
import io.tidings.delivery.lifecycle.DeliveryDrain;
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
import io.tidings.delivery.sending.SmtpSlot;
import io.tidings.delivery.suppression.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides what one delivery request leads to. A generation the ledger already holds is never sent again: its
 * recorded outcome is re-published, a claim that outlived its lease settles as UNKNOWN, and a parked row is left to
 * the retry loop. Otherwise a cancelled or paused campaign answers CANCELLED or PAUSED untried, a suppressed address
 * SUPPRESSED, and a sending campaign waits for a token of its sender's global bucket, at most
 * {@code rate.request-hold}, then for a slot on an SMTP client; with both it looks again (the campaign may have been
 * paused meanwhile), claims and attempts. Without a token in time it parks the recipient in the ledger for the retry
 * loop, so that no Kafka record waits long.
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
    private final DeliveryDrain drain;

    RequestTriage(CampaignControls controls, DeliveryLedger ledger, DeliveryAttempt attempt, LedgerOutcomes recorded,
            OutcomePublisher outcomes, DeliveryConfig config, Suppressions suppressions, SenderThrottles throttles,
            DeliveryDrain drain) {
        this.drain = drain;
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
                .chain(token -> token == null
                        ? parkUnlessStopped(request, current(request, control))
                        : attempt.inSlot(token, slot -> claimUnlessStopped(request, control, token, slot)));
    }

    // with a token and a slot on an SMTP client: the campaign may have been paused, or shutdown begun, meanwhile
    private Uni<Void> claimUnlessStopped(DeliveryRequest request, CampaignControl control, SendToken token,
            SmtpSlot slot) {
        if (!drain.accepting()) {
            // unacknowledged, so Kafka hands the request to another pod: nothing was claimed
            return Uni.createFrom().failure(new IllegalStateException("shutting down before the claim"));
        }
        CampaignControl now = current(request, control);
        return orElse(untried(request, now), () -> claimAndSend(request, now, token, slot));
    }

    private Uni<Void> parkUnlessStopped(DeliveryRequest request, CampaignControl now) {
        return orElse(untried(request, now), () -> park(request, now));
    }

    private CampaignControl current(DeliveryRequest request, CampaignControl seen) {
        return controls.current(request.campaignId()).orElse(seen);
    }

    private static Uni<Void> orElse(Uni<Void> untried, Supplier<Uni<Void>> otherwise) {
        return untried != null ? untried : otherwise.get();
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

    private Uni<Void> claimAndSend(DeliveryRequest request, CampaignControl control, SendToken token, SmtpSlot slot) {
        UUID claimId = UUID.randomUUID();
        return ledger.claim(request, claimId, messageId(request, control)).chain(claimed -> {
            if (claimed != null) {
                return attempt.send(claimed, control, token, slot, true);
            }
            // another delivery of the same request got there first, or our own insert was retried after it committed
            return ledger.find(request.projectId(), request.recipientId(), request.generation()).chain(existing -> {
                if (existing == null) {
                    return heldByAnotherProject(request);
                }
                return claimId.equals(existing.claimId()) && existing.status() == LedgerStatus.CLAIMED
                        ? attempt.send(existing, control, token, slot, true)
                        : redelivered(existing);
            });
        });
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
