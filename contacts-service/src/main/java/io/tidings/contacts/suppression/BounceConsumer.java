package io.tidings.contacts.suppression;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tidings.contacts.kafka.Channels;
import io.tidings.contacts.kafka.Topics;
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
 * Consumes delivery.outcomes (group contacts-service) a poll at a time: a hard bounce (5.1.x) marks the contact
 * BOUNCED and announces the suppression. Almost every outcome is something else, so a batch costs one pass over its
 * values and a statement per bounce, not a message's path through Reactive Messaging per outcome (at a million
 * recipients that path was most of this service's CPU during a send). Unreadable values go, as they came, to
 * delivery.outcomes.dlq before the batch is acknowledged; database failures are retried, so an outage delays a
 * suppression but never drops one. Redelivery is harmless: the change is idempotent.
 */
@ApplicationScoped
public class BounceConsumer {
    private static final Logger LOG = Logger.getLogger(BounceConsumer.class);

    private final OutcomeReader reader;
    private final StatusChanges changes;
    private final MutinyEmitter<String> deadLetters;

    public BounceConsumer(OutcomeReader reader, StatusChanges changes,
            @Channel(Channels.DELIVERY_OUTCOMES_DLQ) MutinyEmitter<String> deadLetters) {
        this.reader = reader;
        this.changes = changes;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.DELIVERY_OUTCOMES)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Uni<Void>> work = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            DeliveryOutcome outcome;
            try {
                outcome = reader.read(record.value());
            } catch (OutcomeReader.PoisonOutcome e) {
                work.add(deadLetter(record, e.getMessage()));
                continue;
            }
            if (outcome.hardBounce()) {
                work.add(bounce(outcome));
            }
        }
        if (work.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // in order: two bounces of one contact in a batch apply as they came
        return Multi.createFrom().iterable(work).onItem().transformToUniAndConcatenate(step -> step)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> bounce(DeliveryOutcome outcome) {
        return Uni.createFrom().deferred(() -> changes.bounce(outcome))
                .onFailure().invoke(failure -> LOG.warnf("applying bounce %s failed, retrying: %s",
                        outcome.eventId(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> LOG.debugf("bounce %s %s", outcome.eventId(),
                        changed ? "suppressed the contact" : "changed nothing"))
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        return Uni.createFrom().deferred(() -> {
            LOG.warnf("outcome at %s-%d@%d is unreadable (%s): sent to %s", record.topic(), record.partition(),
                    record.offset(), reason, Topics.DELIVERY_OUTCOMES_DLQ);
            RecordHeaders headers = new RecordHeaders();
            headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
            return deadLetters.sendMessage(Message.of(record.value()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        });
    }
}
