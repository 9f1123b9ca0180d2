package io.tidings.delivery.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidings.testing.KafkaResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker of the test application running right now, for tests whose own test resources make Quarkus start
 * a second application (with a broker of its own): unlike {@link TestKafka}, it keeps no client across calls, so
 * it never talks to the broker of an application that has stopped.
 */
public final class CurrentBroker {
    private CurrentBroker() {
    }

    /** Publishes the records (topic, key, value) and waits until the broker has them all. */
    public static void send(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish", e);
        }
    }

    public static void send(String topic, String key, String value) {
        send(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Every outcome published so far for this recipient, oldest first (read from the beginning each time). */
    public static List<JsonNode> outcomes(UUID recipientId) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("delivery.outcomes", Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (recipientId.toString().equals(r.key())) {
                        found.add(TestKafka.parse(r.value()));
                    }
                });
            }
        }
        return found;
    }

    /** The statuses of this recipient's outcomes so far, oldest first. */
    public static List<String> statuses(UUID recipientId) {
        return outcomes(recipientId).stream().map(o -> o.get("status").asText()).toList();
    }

    private static String bootstrap() {
        return KafkaResource.current().bootstrapServers();
    }
}
