package io.tidings.campaigns.publishing;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class RecipientPublisherTest {
    @Inject
    PendingRecipients pending;

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

    @Test
    void aPauseAndResumeBetweenAckAndMarkLeavesTheBatchPending() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 3)));
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(project, campaign.toString(), "queued") == 3);
        // this instance's publisher leaves the campaign alone (another instance holds it); the test publishes
        Database.update("UPDATE campaigns.campaign SET worker = 'other-pod', worker_until = now() + interval '1 hour' "
                + "WHERE id = ?", campaign);
        as(project).post("/api/v1/campaigns/" + campaign + "/pause").then().statusCode(200);
        as(project).post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);
        assertThat(Api.count(project, campaign.toString(), "pending")).isEqualTo(3);

        // a batch read and acknowledged; then pause and resume before its mark: delivery may have answered PAUSED
        PendingRecipients.Batch read = pending.batch(campaign, null, 10).await().indefinitely();
        assertThat(read.recipients()).hasSize(3);
        as(project).post("/api/v1/campaigns/" + campaign + "/pause").then().statusCode(200);
        as(project).post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);
        var ids = read.recipients().stream().map(PendingRecipient::id).toList();

        assertThat(pending.markQueued(campaign, ids, read.pauses()).await().indefinitely()).isZero();
        assertThat(Api.count(project, campaign.toString(), "pending")).isEqualTo(3);
        assertThat(Api.count(project, campaign.toString(), "queued")).isZero();

        // read again after the resume, nothing in between: marked
        PendingRecipients.Batch again = pending.batch(campaign, null, 10).await().indefinitely();
        assertThat(pending.markQueued(campaign, ids, again.pauses()).await().indefinitely()).isEqualTo(3);
        assertThat(Api.count(project, campaign.toString(), "queued")).isEqualTo(3);
    }
}
