package io.tidings.campaigns.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tidings.testing.KafkaResource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning with a plain consumer of its own group, keeping every record seen. */
public final class TopicRecords implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<Record> records = new ArrayList<>();

    /** A record's key and its JSON value. */
    public record Record(String key, JsonNode value) {
    }

    public TopicRecords(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.current().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once more, then answers the records so far whose {@code campaignId} is this one. */
    public List<Record> forCampaign(UUID campaignId) {
        poll();
        return records.stream().filter(r -> campaignId.toString().equals(r.value().path("campaignId").asText())).toList();
    }

    /** Polls once more, then answers the records so far with this key. */
    public List<Record> forKey(String key) {
        poll();
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode value;
            try {
                value = JSON.readTree(record.value());
            } catch (IOException e) {
                value = TextNode.valueOf(record.value()); // not JSON: kept as text
            }
            records.add(new Record(record.key(), value));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
