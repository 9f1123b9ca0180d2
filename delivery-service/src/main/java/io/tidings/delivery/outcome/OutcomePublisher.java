package io.tidings.delivery.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outcomes on {@code delivery.outcomes}, keyed by recipient id; completes once Kafka acknowledged. Many
 * outcomes are published at once (every record of a batch publishes its own), and the producer batches them; the
 * emitter's buffer is unbounded because the records in flight already bound it.
 */
@ApplicationScoped
public class OutcomePublisher {
    public static final String CHANNEL = "delivery-outcomes";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    OutcomePublisher(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter,
            ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(DeliveryOutcome outcome) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(outcome.recipientId().toString()).build();
        return Uni.createFrom().item(() -> toJson(outcome))
                .chain(value -> emitter.sendMessage(Message.of(value).addMetadata(key)))
                // the producer retries on its own; this covers a broker that stays away a little longer
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(5);
    }

    private String toJson(DeliveryOutcome outcome) {
        try {
            return json.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcome not serialisable", e);
        }
    }
}
