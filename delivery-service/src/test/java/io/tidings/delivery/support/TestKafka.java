package io.tidings.delivery.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.testing.KafkaResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' side of the real broker: publishes records as campaign-service would, and records everything that
 * appears on the topics delivery-service writes, from the beginning, for the tests to look at.
 */
public final class TestKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ConsumerRecord<String, String>> SEEN = new CopyOnWriteArrayList<>();
    private static KafkaProducer<String, String> producer;
    private static Thread watcher;

    private TestKafka() {
    }

    public static synchronized void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Publishes these records in one go (one produce request, so one consumer poll is likely to get them all). */
    public static synchronized void sendTogether(String topic, List<Map.Entry<String, String>> records) {
        List<Future<?>> sent = new ArrayList<>();
        records.forEach(r -> sent.add(producer().send(new ProducerRecord<>(topic, r.getKey(), r.getValue()))));
        producer.flush();
        for (Future<?> each : sent) {
            try {
                each.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** The outcomes published so far for this recipient, oldest first. */
    public static List<JsonNode> outcomes(UUID recipientId) {
        return records("delivery.outcomes").stream()
                .filter(r -> recipientId.toString().equals(r.key()))
                .map(r -> parse(r.value()))
                .toList();
    }

    /** Everything seen so far on a watched topic: {@code delivery.outcomes} and the two dead-letter topics. */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        watch();
        return SEEN.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void watch() {
        if (watcher != null) {
            return;
        }
        watcher = new Thread(TestKafka::poll, "test-kafka-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void poll() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("delivery.outcomes", "delivery.requests.dlq", "campaign.control.dlq")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(SEEN::add);
            }
        }
    }

    private static String bootstrap() {
        return KafkaResource.current().bootstrapServers();
    }
}
