package io.tidings.campaigns.publishing;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tidings.campaigns.kafka.Channels;
import io.tidings.campaigns.kafka.EventWriter;
import io.tidings.campaigns.lease.CampaignLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes one delivery.requests event per PENDING recipient of every publishable campaign (SENDING, STALLED, or
 * EXPANDING once announced: see {@link PendingRecipients}), without a dual write:
 * a batch is read, every event sent and acknowledged, and only then are those recipients marked QUEUED. A crash
 * in between re-publishes the batch, which delivery-service absorbs (it is idempotent per recipient and
 * generation). Nothing is sent inside a database transaction.
 */
@ApplicationScoped
public class RecipientPublisher {
    private static final Logger LOG = Logger.getLogger(RecipientPublisher.class);
    private static final int MAX_BATCH = 5000;

    private final PendingRecipients pending;
    private final EventWriter writer;
    private final MutinyEmitter<String> requests;
    private final CampaignLease lease;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public RecipientPublisher(PendingRecipients pending, EventWriter writer,
            @Channel(Channels.DELIVERY_REQUESTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<String> requests, CampaignLease lease,
            @ConfigProperty(name = "tidings.publisher.batch-size") int batchSize) {
        this.pending = pending;
        this.writer = writer;
        this.requests = requests;
        this.lease = lease;
        // two batches in flight, every event of a batch at once: the emitter's buffer must hold them
        this.batchSize = Math.min(batchSize, MAX_BATCH);
    }

    void onStart(@Observes StartupEvent event) {
        publishSoon();
    }

    @Scheduled(every = "${tidings.publisher.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publishSoon();
    }

    /** Starts a publishing pass now, or right after the one under way. */
    public void publishSoon() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        publishAll().eventually(() -> {
            running.set(false);
            if (again.get()) {
                publishSoon();
            }
        }).subscribe().with(done -> { }, failure -> LOG.warn("publishing delivery requests failed; retried soon", failure));
    }

    Uni<Void> publishAll() {
        return pending.sendingCampaigns()
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::publishCampaign)
                        .collect().last().replaceWithVoid());
    }

    /**
     * Publishes the campaign's PENDING recipients batch after batch, in id order, until a batch comes back short;
     * the next batch is read and sent while the previous one awaits its acks and its mark (two in flight), but the
     * marks come in batch order, so each can move the campaign's cursor on from where the previous one left it.
     * Only with the campaign's lease, renewed before each batch: another instance holding it publishes instead.
     */
    private Uni<Void> publishCampaign(UUID campaignId) {
        AtomicReference<UUID> after = new AtomicReference<>();
        AtomicReference<CompletableFuture<Void>> previousMark =
                new AtomicReference<>(CompletableFuture.completedFuture(null));
        return Multi.createBy().repeating()
                .uni(() -> lease.acquire(campaignId).chain(held -> !held
                        ? Uni.createFrom().item(PendingRecipients.Batch.NONE)
                        : pending.batch(campaignId, after.get(), batchSize).invoke(batch -> {
                            if (!batch.recipients().isEmpty()) {
                                after.set(batch.last());
                            }
                        })))
                .whilst(batch -> batch.recipients().size() == batchSize)
                .onItem().transformToUni(batch -> {
                    if (batch.recipients().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    // batches arrive here in order: each mark waits for the one before (failed or not)
                    CompletableFuture<Void> before = previousMark.get();
                    CompletableFuture<Void> mine = new CompletableFuture<>();
                    previousMark.set(mine);
                    return publish(batch.recipients())
                            .call(() -> Uni.createFrom().completionStage(before.handle((done, failure) -> null)))
                            .chain(() -> pending.markQueued(campaignId, batch))
                            .replaceWithVoid()
                            .onTermination().invoke(() -> mine.complete(null));
                })
                .merge(2)
                .collect().last().replaceWithVoid();
    }

    /** Sends every event of the batch and completes when Kafka acknowledged all of them. */
    private Uni<Void> publish(List<PendingRecipient> batch) {
        // all at once: the producer batches them; acks are awaited together, not a few hundred at a time. Not as a
        // Multi merged batch.size() wide: Mutiny's flatMap drain walks every inner subscriber for each ack, which
        // took more than half of this service's CPU at 5,000 per batch (JFR, docs/BENCHMARKS.md)
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<?>[] acks = new CompletableFuture<?>[batch.size()];
            for (int i = 0; i < acks.length; i++) {
                PendingRecipient recipient = batch.get(i);
                acks[i] = writer.send(requests, recipient.id().toString(), DeliveryRequested.of(recipient))
                        .subscribeAsCompletionStage();
            }
            return Uni.createFrom().completionStage(CompletableFuture.allOf(acks));
        }).replaceWithVoid();
    }
}
