package io.tidings.campaigns.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays delivery-service: sends delivery.outcomes events made from the contract fixtures with real ids. */
public final class OutcomeProducer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.current().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /** The fixture {@code delivery.outcomes/v1-<kind>.json} made to speak of this recipient. */
    public static ObjectNode outcome(String kind, TopicRecords.Record request) {
        try {
            ObjectNode outcome = (ObjectNode) JSON.readTree(Contracts.fixture("delivery.outcomes/v1-" + kind + ".json"));
            outcome.put("eventId", UUID.randomUUID().toString());
            for (String field : new String[] {"projectId", "recipientId", "campaignId", "contactId", "email",
                    "normalizedEmail"}) {
                outcome.set(field, request.value().get(field));
            }
            outcome.put("generation", request.value().get("generation").asInt());
            return outcome;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(ObjectNode outcome) {
        send(outcome.path("recipientId").asText(), outcome.toString());
    }

    public void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>("delivery.outcomes", key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send an outcome", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
