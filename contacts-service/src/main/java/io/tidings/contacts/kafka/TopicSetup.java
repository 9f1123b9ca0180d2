package io.tidings.contacts.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates, at start and if missing, the topics this service writes and reads: {@code contacts.suppressions}
 * (compacted), {@code delivery.outcomes} and its dead-letter topic.
 * Start-up fails if the broker cannot be reached in time, so a misconfigured pod never turns ready.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final Map<String, Object> kafka;
    private final KafkaTopicsConfig config;

    public TopicSetup(@Identifier("default-kafka-broker") Map<String, Object> kafka, KafkaTopicsConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        NewTopic suppressions = new NewTopic(Topics.SUPPRESSIONS, Optional.of(config.suppressionsPartitions()),
                config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        NewTopic outcomes = new NewTopic(Topics.DELIVERY_OUTCOMES, Optional.of(config.outcomesPartitions()),
                config.replicationFactor());
        NewTopic deadLetters = new NewTopic(Topics.DELIVERY_OUTCOMES_DLQ, Optional.of(1), config.replicationFactor());
        create(List.of(suppressions, outcomes, deadLetters));
    }

    void create(List<NewTopic> topics) {
        Map<String, Object> adminConfig = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        long timeout = config.setupTimeout().toMillis();
        Admin admin = Admin.create(adminConfig);
        try {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
                    LOG.infof("created topic %s", topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + config.setupTimeout(), e);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
