package io.tidings.campaigns.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
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
 * Creates, at start and before the messaging channels connect, the topics this service writes and reads when
 * they are missing: partition counts from configuration, {@code campaign.control} compacted, the DLQ 1 partition.
 */
@ApplicationScoped
public class TopicSetup {
    /** Before SmallRye Reactive Messaging starts its channels (it observes StartupEvent at priority 1000). */
    static final int BEFORE_MESSAGING = 500;
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final int requestPartitions;
    private final int outcomePartitions;
    private final int statusPartitions;
    private final int controlPartitions;

    public TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "tidings.topics.delivery-requests.partitions") int requestPartitions,
            @ConfigProperty(name = "tidings.topics.delivery-outcomes.partitions") int outcomePartitions,
            @ConfigProperty(name = "tidings.topics.campaign-status.partitions") int statusPartitions,
            @ConfigProperty(name = "tidings.topics.campaign-control.partitions") int controlPartitions) {
        this.bootstrapServers = bootstrapServers;
        this.requestPartitions = requestPartitions;
        this.outcomePartitions = outcomePartitions;
        this.statusPartitions = statusPartitions;
        this.controlPartitions = controlPartitions;
    }

    void onStart(@Observes @Priority(BEFORE_MESSAGING) StartupEvent event) {
        createMissing(List.of(
                new NewTopic(Topics.DELIVERY_REQUESTS, requestPartitions, (short) -1),
                new NewTopic(Topics.DELIVERY_OUTCOMES, outcomePartitions, (short) -1),
                new NewTopic(Topics.DELIVERY_OUTCOMES_DLQ, 1, (short) -1),
                new NewTopic(Topics.CAMPAIGN_STATUS, statusPartitions, (short) -1),
                new NewTopic(Topics.CAMPAIGN_CONTROL, controlPartitions, (short) -1)
                        .configs(Map.of("cleanup.policy", "compact"))));
    }

    void createMissing(List<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topic %s (%d partitions)", topic.name(), topic.numPartitions());
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
            throw new IllegalStateException("Kafka did not create the topics in time", e);
        }
    }
}
