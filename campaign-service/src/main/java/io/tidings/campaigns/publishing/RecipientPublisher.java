package io.tidings.campaigns.publishing;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tidings.campaigns.kafka.Channels;
import io.tidings.campaigns.kafka.EventWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes one delivery.requests event per PENDING recipient of every SENDING campaign, without a dual write:
 * a batch is read, every event sent and acknowledged, and only then are those recipients marked QUEUED. A crash
 * in between re-publishes the batch, which delivery-service absorbs (it is idempotent per recipient and
 * generation). Nothing is sent inside a database transaction.
 */
@ApplicationScoped
public class RecipientPublisher {
    private static final Logger LOG = Logger.getLogger(RecipientPublisher.class);

    private final PendingRecipients pending;
    private final EventWriter writer;
    private final MutinyEmitter<String> requests;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public RecipientPublisher(PendingRecipients pending, EventWriter writer,
            @Channel(Channels.DELIVERY_REQUESTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> requests,
            @ConfigProperty(name = "tidings.publisher.batch-size") int batchSize) {
        this.pending = pending;
        this.writer = writer;
        this.requests = requests;
        this.batchSize = batchSize;
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

    /** Publishes the campaign's PENDING recipients batch after batch, in id order, until a batch comes back short. */
    private Uni<Void> publishCampaign(UUID campaignId) {
        AtomicReference<UUID> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> pending.batch(campaignId, after.get(), batchSize).call(batch -> {
                    if (batch.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    after.set(batch.get(batch.size() - 1).id());
                    return publish(batch).chain(() -> pending.markQueued(campaignId,
                            batch.stream().map(PendingRecipient::id).toList()));
                }))
                .whilst(batch -> batch.size() == batchSize)
                .collect().last().replaceWithVoid();
    }

    /** Sends every event of the batch and completes when Kafka acknowledged all of them. */
    private Uni<Void> publish(List<PendingRecipient> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndMerge(recipient ->
                        writer.send(requests, recipient.id().toString(), DeliveryRequested.of(recipient)))
                .collect().last().replaceWithVoid();
    }
}
