package io.tidings.delivery.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates, at startup and before the channels start, the topics this service reads and writes when they are
 * missing; an existing topic is left as it is.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    private final String bootstrapServers;
    private final TopicsConfig config;

    TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, TopicsConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    // the messaging channels start at priority 1000 (LIBRARY_BEFORE); the topics must exist first
    void onStart(@Observes @Priority(900) StartupEvent event) {
        create(List.of(
                topic(Topics.DELIVERY_REQUESTS, config.deliveryRequests().partitions()),
                topic(Topics.DELIVERY_OUTCOMES, config.deliveryOutcomes().partitions()),
                topic(Topics.CAMPAIGN_CONTROL, config.campaignControl().partitions()).configs(COMPACTED),
                topic(Topics.CONTACTS_SUPPRESSIONS, config.contactsSuppressions().partitions()).configs(COMPACTED),
                topic(Topics.DELIVERY_REQUESTS_DLQ, 1),
                topic(Topics.CONTACTS_SUPPRESSIONS_DLQ, 1),
                topic(Topics.CAMPAIGN_CONTROL_DLQ, 1)));
    }

    // the broker's default replication factor
    private static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topic %s with %d partitions", topic.name(), topic.numPartitions());
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
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create the topics in 30 s", e);
        }
    }
}
