package io.tidings.campaigns.publishing;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = "delivery.outcomes:12"))
@WithTestResource(value = FakeContactsService.class, scope = TestResourceScope.GLOBAL)
class RecipientPublisherTest {

    @Test
    void crashBetweenPublishAndMarkOnlyRepublishesTheSameRequests() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 5)));
        try (TopicRecords requests = new TopicRecords("delivery.requests")) {
            as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(project, campaign.toString(), "queued") == 5);
            await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                    .until(() -> requests.forCampaign(campaign).size() == 5);
            String recipient = requests.forCampaign(campaign).get(0).key();

            // as if the service died after Kafka acknowledged the request but before marking it QUEUED
            Database.update("WITH back AS (UPDATE campaigns.mailing_recipient SET status = 'PENDING' "
                    + "WHERE id = ?::uuid RETURNING 1) UPDATE campaigns.recipient_counts SET pending = pending + 1, "
                    + "queued = queued - 1 WHERE campaign_id = ?", recipient, campaign);

            await().atMost(Duration.ofSeconds(20)).pollInSameThread()
                    .until(() -> requests.forKey(recipient).size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> Api.count(project, campaign.toString(), "queued") == 5);
            assertThat(requests.forKey(recipient)).extracting(r -> r.value().get("generation").asInt())
                    .containsOnly(1);
            assertThat(requests.forCampaign(campaign)).hasSize(6);
            assertThat(Api.count(project, campaign.toString(), "pending")).isZero();
        }
    }
}
