package io.tidings.delivery.sending;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.tidings.delivery.control.CampaignControl;
import io.tidings.delivery.ledger.DeliveryLedger;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.outcome.DeliveryStatus;
import io.tidings.delivery.outcome.LedgerOutcomes;
import io.tidings.delivery.rate.SendToken;
import io.tidings.delivery.rate.SenderThrottles;
import io.tidings.delivery.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One SMTP attempt of a claimed ledger entry, first try or retry: compose, send, record the reply in the ledger,
 * then publish the outcome. A crash between any two steps leaves a claim that settles as UNKNOWN, never a resend.
 */
@ApplicationScoped
public class DeliveryAttempt {
    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);

    private final MailComposer composer;
    private final SmtpTransport transport;
    private final DeliveryLedger ledger;
    private final LedgerOutcomes outcomes;
    private final SenderThrottles throttles;
    private final Backoff backoff;

    DeliveryAttempt(MailComposer composer, SmtpTransport transport, DeliveryLedger ledger, LedgerOutcomes outcomes,
            SenderThrottles throttles, DeliveryConfig config) {
        this.throttles = throttles;
        this.composer = composer;
        this.transport = transport;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.backoff = Backoff.of(config.retry());
    }

    /**
     * With the sender's token: waits for a slot on an SMTP client, then runs {@code work} (look again, claim, send)
     * in it, releasing slot and token however it ends. The slot comes before the claim, so that no claim waits for
     * a client: a pod that dies leaves no more claims than sends it had started or was starting.
     */
    public Uni<Void> inSlot(SendToken token, Function<SmtpSlot, Uni<Void>> work) {
        return transport.slot().chain(slot -> work.apply(slot).onTermination().invoke(slot::release))
                .onTermination().invoke(token::release);
    }

    /**
     * Sends a claimed entry in its slot: older generations still waiting to retry are superseded first.
     * {@code fromRequest}: the send came from a Kafka request, unacknowledged until this completes, which carries the
     * outcome if the pod stops before publishing it (see {@link DeliveryLedger#record}); false for the retry loop.
     */
    public Uni<Void> send(LedgerEntry claimed, CampaignControl control, SendToken token, SmtpSlot slot,
            boolean fromRequest) {
        return ledger.supersedeOlder(claimed).chain(() -> run(claimed, control, token, slot, fromRequest))
                .replaceWithVoid();
    }

    /**
     * Attempts in the given slot, releasing the sender's token once the server replied (or the send failed or was
     * refused), and the slot once the reply is recorded (the outcome is published after). A token counts as out
     * until the reply, not only until the send starts: the latency margin then bounds every send of the sender the
     * server may still accept late, however slow the transactions, so every window at the server stays within
     * rate x window + burst (see SenderThrottles).
     */
    private Uni<Void> run(LedgerEntry claimed, CampaignControl control, SendToken token, SmtpSlot slot,
            boolean fromRequest) {
        return slot.send(() -> composer.compose(claimed, control))
                .onItemOrFailure().invoke((reply, failure) -> token.release())
                .call(reply -> reply.throttling() ? throttles.slowDown(control.sender()) : Uni.createFrom().voidItem())
                .chain(reply -> record(claimed, reply, fromRequest))
                // the claim is settled: the slot takes the next claim while the outcome is published
                .onTermination().invoke(slot::release)
                .chain(recorded -> recorded.ours() && fromRequest
                        ? outcomes.publishCarried(recorded.entry())
                        : outcomes.publish(recorded.entry()));
    }

    /** What recording a reply left in the ledger: our reply ({@code ours}), or the row as another settled it. */
    private record Recorded(LedgerEntry entry, boolean ours) {
    }

    /** Records a reply; a DEFERRED one gets its next attempt, or FAILED 4.4.7 once the lifetime is over. */
    private Uni<Recorded> record(LedgerEntry claimed, SmtpReply reply, boolean fromRequest) {
        Optional<Instant> next = reply.status() == DeliveryStatus.DEFERRED
                ? backoff.next(claimed.attempt(), claimed.createdAt(), Instant.now())
                : Optional.empty();
        SmtpReply settled = reply.status() == DeliveryStatus.DEFERRED && next.isEmpty()
                ? new SmtpReply(DeliveryStatus.FAILED, reply.code(), "4.4.7",
                        "gave up after " + backoff.lifetime() + ", last reply: " + reply.text())
                : reply;
        return ledger.record(claimed, settled, next.orElse(null), fromRequest).chain(recorded -> {
            if (recorded != null) {
                return Uni.createFrom().item(new Recorded(recorded, true));
            }
            // the claim was settled by someone else meanwhile (its lease ran out): the ledger's word stands
            LOG.warnf("claim %s of recipient %s generation %d was lost before its %s reply was recorded",
                    claimed.claimId(), claimed.recipientId(), claimed.generation(), settled.status());
            return ledger.find(claimed.projectId(), claimed.recipientId(), claimed.generation())
                    .map(found -> new Recorded(found, false));
        });
    }
}
