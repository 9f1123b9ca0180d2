package io.tidings.contacts.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** At start the service creates contacts.suppressions, compacted; readiness covers the database and Kafka. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class TopicSetupTest {
    @Inject
    TopicSetup setup;

    @Test
    void createsTheCompactedSuppressionsTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.current().bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.SUPPRESSIONS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.SUPPRESSIONS);
            assertThat(topic.partitions()).hasSize(6);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SUPPRESSIONS);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void creatingExistingTopicsAgainIsHarmless() {
        setup.onStart(null);
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        var checks = given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath().getList("checks.name", String.class);
        assertThat(checks).anyMatch(name -> name.contains("PostgreSQL") || name.contains("Database"));
        assertThat(checks).anyMatch(name -> name.contains("Kafka"));
    }
}
