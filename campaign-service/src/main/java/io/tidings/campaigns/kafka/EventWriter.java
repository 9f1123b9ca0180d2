package io.tidings.campaigns.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes an event as a JSON string keyed by its aggregate id; the Uni completes once Kafka acknowledged it. */
@ApplicationScoped
public class EventWriter {
    private final ObjectMapper json;

    public EventWriter(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> send(MutinyEmitter<String> channel, String key, Object event) {
        String value;
        try {
            value = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return channel.sendMessage(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
