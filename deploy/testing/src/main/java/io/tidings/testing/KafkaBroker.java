package io.tidings.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** A real single-node KRaft Kafka broker inside this JVM, on a free loopback port. */
public final class KafkaBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;

    private KafkaBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.bootstrapServers = broker.getAdvertisedListeners();
    }

    public static KafkaBroker start() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(FreePorts.next())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "false");
                    p.put("offsets.topic.num.partitions", "5");
                })
                .start();
        return new KafkaBroker(broker);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates topics if missing. Each spec is {@code name}, {@code name:partitions} or
     * {@code name:partitions:compact}.
     */
    public void createTopics(List<String> specs) {
        List<NewTopic> topics = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":");
            if (parts[0].isEmpty()) {
                continue;
            }
            int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            NewTopic topic = new NewTopic(parts[0], partitions, (short) 1);
            if (parts.length > 2 && "compact".equals(parts[2])) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(topic);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not create topics in time", e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
