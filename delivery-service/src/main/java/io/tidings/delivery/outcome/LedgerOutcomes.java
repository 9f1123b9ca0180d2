package io.tidings.delivery.outcome;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.ledger.DeliveryLedger;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Publishes the outcome a ledger row records, then notes it published; a row recorded but never noted is
 * re-published by the retry loop, so an outcome is never lost between the ledger and Kafka (it may come twice).
 */
@ApplicationScoped
public class LedgerOutcomes {
    private final OutcomePublisher publisher;
    private final DeliveryLedger ledger;

    LedgerOutcomes(OutcomePublisher publisher, DeliveryLedger ledger) {
        this.publisher = publisher;
        this.ledger = ledger;
    }

    public Uni<Void> publish(LedgerEntry entry) {
        if (entry == null || entry.status() == LedgerStatus.CLAIMED || entry.status() == LedgerStatus.SUPERSEDED) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(DeliveryOutcome.of(entry)).chain(() -> ledger.markPublished(entry));
    }

    /** Publishes them all at once (the producer batches them), then notes them published (batched too). */
    public Uni<Void> publishAll(List<LedgerEntry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndMerge(this::publish)
                .collect().asList().replaceWithVoid();
    }
}
