package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tidings.campaigns.kafka.Channels;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes delivery.outcomes (group campaign-service) in batches, each applied in one transaction. Unreadable
 * values are sent, as they came, to delivery.outcomes.dlq (acknowledged before the batch is); database failures
 * are retried, so an outage delays outcomes but never drops one, and a retried batch changes nothing twice.
 */
@ApplicationScoped
public class OutcomeConsumer {
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final OutcomeReader reader;
    private final RecipientOutcomes outcomes;
    private final CampaignAnnouncer announcer;
    private final MutinyEmitter<String> deadLetters;

    public OutcomeConsumer(OutcomeReader reader, RecipientOutcomes outcomes, CampaignAnnouncer announcer,
            @Channel(Channels.DELIVERY_OUTCOMES_DLQ) MutinyEmitter<String> deadLetters) {
        this.reader = reader;
        this.outcomes = outcomes;
        this.announcer = announcer;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.DELIVERY_OUTCOMES)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<DeliveryOutcome> readable = new ArrayList<>(records.count());
        List<Uni<Void>> poisoned = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                readable.add(reader.read(record.value()));
            } catch (OutcomeReader.PoisonOutcome e) {
                poisoned.add(deadLetter(record, e.getMessage()));
            }
        }
        Uni<Void> dead = poisoned.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(poisoned).onItem().transformToUniAndConcatenate(uni -> uni)
                        .collect().last().replaceWithVoid();
        return dead.chain(() -> outcomes.apply(readable))
                .onFailure().invoke(failure -> LOG.warnf("applying %d outcomes failed, retrying: %s",
                        readable.size(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> {
                    if (changed) {
                        announcer.announceSoon();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("outcome at %s-%d@%d is unreadable (%s): sent to %s", record.topic(), record.partition(),
                record.offset(), reason, "delivery.outcomes.dlq");
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
