package io.tidings.delivery.request;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts one unusable {@code delivery.requests} record on {@code delivery.requests.dlq}, alone, with its key, value
 * and headers and the headers SmallRye's own dead-letter strategy writes ({@code dead-letter-reason},
 * {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset},
 * {@code dead-letter-exception-class-name}), so the rest of its batch goes on.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String CHANNEL = "delivery-requests-dlq";

    private final MutinyEmitter<String> emitter;

    DeadLetters(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka acknowledged the dead letter. */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reason.getMessage() == null ? reason.toString() : reason.getMessage());
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            header(headers, "dead-letter-cause", reason.getCause().getMessage());
            header(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
        }
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", String.valueOf(record.partition()));
        header(headers, "dead-letter-offset", String.valueOf(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(5);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
