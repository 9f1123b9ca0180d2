package io.tidings.delivery.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.TestTopics;
import io.tidings.testing.KafkaResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The test broker lacks delivery.outcomes and campaign.control.dlq (see TestTopics): startup made them. */
@DeliveryServiceTest
class TopicSetupTest {

    @Test
    void startupCreatedTheMissingTopicsWithTheirPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.current().bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.DELIVERY_OUTCOMES,
                    Topics.CAMPAIGN_CONTROL_DLQ)).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get(Topics.DELIVERY_OUTCOMES).partitions()).hasSize(12);
            assertThat(topics.get(Topics.CAMPAIGN_CONTROL_DLQ).partitions()).hasSize(1);
        }
    }
}
