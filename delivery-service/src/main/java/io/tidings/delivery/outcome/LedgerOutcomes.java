package io.tidings.delivery.outcome;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.ledger.DeliveryLedger;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the outcome a ledger row records, then notes it published; a row recorded but never noted is
 * re-published by the retry loop, so an outcome is never lost between the ledger and Kafka (it may come twice). A
 * row whose Kafka request carries its outcome is recorded as published already (a redelivered request re-publishes
 * it), and only noted unpublished if publishing fails.
 */
@ApplicationScoped
public class LedgerOutcomes {
    private static final Logger LOG = Logger.getLogger(LedgerOutcomes.class);

    private final OutcomePublisher publisher;
    private final DeliveryLedger ledger;

    LedgerOutcomes(OutcomePublisher publisher, DeliveryLedger ledger) {
        this.publisher = publisher;
        this.ledger = ledger;
    }

    public Uni<Void> publish(LedgerEntry entry) {
        if (!announced(entry)) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(DeliveryOutcome.of(entry)).chain(() -> ledger.markPublished(entry));
    }

    /**
     * Publishes the outcome of a row recorded as published because its Kafka request carries it (see
     * {@link DeliveryLedger#record}): nothing to note once it is on Kafka. If publishing fails, the row is noted
     * unpublished instead (retried until the database takes it), so the retry loop publishes it later; the request
     * is settled either way.
     */
    public Uni<Void> publishCarried(LedgerEntry entry) {
        if (!announced(entry)) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(DeliveryOutcome.of(entry)).onFailure().recoverWithUni(failure -> {
            LOG.warnf("outcome of recipient %s generation %d not published (%s): left to the retry loop",
                    entry.recipientId(), entry.generation(), failure.toString());
            return ledger.markUnpublished(entry)
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
        });
    }

    private static boolean announced(LedgerEntry entry) {
        return entry != null && entry.status() != LedgerStatus.CLAIMED && entry.status() != LedgerStatus.SUPERSEDED;
    }

    /** Publishes them all at once (the producer batches them), then notes them published (batched too). */
    public Uni<Void> publishAll(List<LedgerEntry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndMerge(this::publish)
                .collect().asList().replaceWithVoid();
    }
}
