package io.tidings.campaigns.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.testing.KafkaResource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class TopicSetupTest {

    @Test
    void createsTheTopicsItWritesAtStart() throws Exception {
        // the test broker was given only delivery.outcomes; the service made the others
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.current().bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("delivery.requests",
                    "campaign.control", "campaign.status", "delivery.outcomes.dlq")).allTopicNames().get();
            assertThat(topics.get("delivery.requests").partitions()).hasSize(12);
            assertThat(topics.get("delivery.outcomes.dlq").partitions()).hasSize(1);
            ConfigResource control = new ConfigResource(ConfigResource.Type.TOPIC, "campaign.control");
            assertThat(admin.describeConfigs(List.of(control)).all().get().get(control)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
