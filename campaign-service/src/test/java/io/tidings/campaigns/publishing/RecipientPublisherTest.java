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

            // as if the service died after Kafka acknowledged the request but before marking it QUEUED (the mark
            // would also have moved the publisher's cursor past it)
            Database.update("WITH back AS (UPDATE campaigns.mailing_recipient SET status = 'PENDING' "
                    + "WHERE id = ?::uuid RETURNING 1) UPDATE campaigns.recipient_counts SET pending = pending + 1, "
                    + "queued = queued - 1, publish_from = NULL WHERE campaign_id = ?", recipient, campaign);

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
        UUID campaign = pendingAgainForTheTestToPublish(project, 3);
        assertThat(Api.count(project, campaign.toString(), "pending")).isEqualTo(3);

        // a batch read and acknowledged; then pause and resume before its mark: delivery may have answered PAUSED
        PendingRecipients.Batch read = pending.batch(campaign, null, 10).await().indefinitely();
        assertThat(read.recipients()).hasSize(3);
        as(project).post("/api/v1/campaigns/" + campaign + "/pause").then().statusCode(200);
        as(project).post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);

        assertThat(pending.markQueued(campaign, read).await().indefinitely()).isZero();
        assertThat(Api.count(project, campaign.toString(), "pending")).isEqualTo(3);
        assertThat(Api.count(project, campaign.toString(), "queued")).isZero();

        // read again after the resume, nothing in between: marked
        PendingRecipients.Batch again = pending.batch(campaign, null, 10).await().indefinitely();
        assertThat(again.recipients()).extracting(PendingRecipient::id)
                .containsExactlyElementsOf(read.recipients().stream().map(PendingRecipient::id).toList());
        assertThat(pending.markQueued(campaign, again).await().indefinitely()).isEqualTo(3);
        assertThat(Api.count(project, campaign.toString(), "queued")).isEqualTo(3);
    }

    @Test
    void theCursorMovesOnlyPastBatchesMarkedInOrderAndEveryPendingRecipientIsFoundAgain() {
        String project = TestTokens.newProjectId();
        UUID campaign = pendingAgainForTheTestToPublish(project, 4);
        // the pause made them PENDING again: the walk starts from the first recipient
        assertThat(cursor(campaign)).isNull();

        PendingRecipients.Batch first = pending.batch(campaign, null, 2).await().indefinitely();
        PendingRecipients.Batch second = pending.batch(campaign, first.last(), 2).await().indefinitely();
        assertThat(first.recipients()).hasSize(2);
        assertThat(second.recipients()).hasSize(2);
        assertThat(second.after()).isEqualTo(first.last());

        // out of order: the second batch is marked, but the cursor cannot skip the first one's recipients
        assertThat(pending.markQueued(campaign, second).await().indefinitely()).isEqualTo(2);
        assertThat(cursor(campaign)).isNull();
        PendingRecipients.Batch rest = pending.batch(campaign, null, 10).await().indefinitely();
        assertThat(rest.recipients()).extracting(PendingRecipient::id)
                .containsExactlyElementsOf(first.recipients().stream().map(PendingRecipient::id).toList());

        assertThat(pending.markQueued(campaign, first).await().indefinitely()).isEqualTo(2);
        assertThat(cursor(campaign)).isEqualTo(first.last());
        assertThat(pending.batch(campaign, null, 10).await().indefinitely().recipients()).isEmpty();
    }

    @Test
    void aBatchReadBeforeRecipientsBecamePendingAgainDoesNotMoveTheCursor() {
        String project = TestTokens.newProjectId();
        UUID campaign = pendingAgainForTheTestToPublish(project, 3);

        // two of the three read and published; then the third is made PENDING again behind them (a retry, a
        // PAUSED outcome: whatever requeues raises the epoch)
        PendingRecipients.Batch read = pending.batch(campaign, null, 2).await().indefinitely();
        UUID third = pending.batch(campaign, read.last(), 2).await().indefinitely().last();
        Database.update("UPDATE campaigns.recipient_counts SET publish_epoch = publish_epoch + 1 WHERE campaign_id = ?",
                campaign);

        assertThat(pending.markQueued(campaign, read).await().indefinitely()).isEqualTo(2);
        assertThat(cursor(campaign)).isNull();
        assertThat(pending.batch(campaign, null, 10).await().indefinitely().recipients())
                .extracting(PendingRecipient::id).containsExactly(third);
    }

    /**
     * A campaign of n recipients, sent until all are QUEUED (the publisher's marks then moved the cursor to the last
     * of them), then paused and resumed while another instance holds its lease: all n PENDING again, and this
     * instance's publisher leaves them to the test.
     */
    private static UUID pendingAgainForTheTestToPublish(String project, int n) {
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, n)));
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(project, campaign.toString(), "queued") == n);
        assertThat(cursor(campaign)).isEqualTo(lastRecipient(campaign));
        Database.update("UPDATE campaigns.campaign SET worker = 'other-pod', worker_until = now() + interval '1 hour' "
                + "WHERE id = ?", campaign);
        as(project).post("/api/v1/campaigns/" + campaign + "/pause").then().statusCode(200);
        as(project).post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);
        return campaign;
    }

    private static UUID cursor(UUID campaign) {
        String value = Database.text("SELECT publish_from::text FROM campaigns.recipient_counts "
                + "WHERE campaign_id = ?", campaign);
        return value == null ? null : UUID.fromString(value);
    }

    private static UUID lastRecipient(UUID campaign) {
        return UUID.fromString(Database.text("SELECT id::text FROM campaigns.mailing_recipient "
                + "WHERE campaign_id = ? ORDER BY id DESC LIMIT 1", campaign));
    }
}
