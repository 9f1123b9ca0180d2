package io.tidings.campaigns.expansion;

import static io.tidings.campaigns.support.Api.as;
import static io.tidings.campaigns.support.OutcomeProducer.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.OutcomeProducer;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class ExpansionCancelTest {
    // pages of 7 (test profile): a few hundred pages, so the cancel lands while the expansion runs
    private static final int MEMBERS = 3000;

    @Test
    void cancelDuringExpansionStopsItAndEndsEveryRecipient() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, MEMBERS)));
        try (TopicRecords requests = new TopicRecords("delivery.requests"); OutcomeProducer delivery = new OutcomeProducer()) {
            as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Api.count(project, campaign.toString(), "total") >= 100);

            as(project).post("/api/v1/campaigns/" + campaign + "/cancel").then().statusCode(200);

            // the expansion stops: no row is added after the cancel took effect
            long rows = SendTest.recipientRows(campaign);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> SendTest.recipientRows(campaign) == rows);
            assertThat(rows).isBetween(100L, (long) MEMBERS - 1);
            assertThat(Api.state(project, campaign.toString())).isEqualTo("CANCELLED");
            assertThat(Database.count("SELECT count(DISTINCT contact_id) FROM campaigns.mailing_recipient "
                    + "WHERE campaign_id = ?", campaign)).isEqualTo(rows);
            assertThat(Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ? "
                    + "AND status NOT IN ('QUEUED', 'CANCELLED')", campaign)).isZero();

            // every QUEUED recipient had its request published; none published twice
            Set<String> queued = ids("SELECT id FROM campaigns.mailing_recipient WHERE campaign_id = ? AND status = 'QUEUED'",
                    campaign);
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> requests.forCampaign(campaign).stream()
                    .map(TopicRecords.Record::key).collect(Collectors.toSet()).containsAll(queued));
            List<String> published = requests.forCampaign(campaign).stream().map(TopicRecords.Record::key).toList();
            assertThat(published).doesNotHaveDuplicates();

            // delivery skips a cancelled campaign and reports its QUEUED requests CANCELLED
            requests.forCampaign(campaign).stream().filter(r -> queued.contains(r.key())).forEach(request -> {
                ObjectNode cancelled = outcome("sent", request);
                cancelled.put("status", "CANCELLED");
                cancelled.putNull("smtpCode");
                cancelled.putNull("enhancedCode");
                cancelled.putNull("smtpReply");
                delivery.send(cancelled);
            });
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Api.count(project, campaign.toString(), "cancelled") == rows);
            assertThat(Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ? "
                    + "AND status <> 'CANCELLED'", campaign)).isZero();
            assertThat(Api.campaign(project, campaign.toString()).getLong("counts.total")).isEqualTo(rows);
            assertThat(Api.count(project, campaign.toString(), "queued")).isZero();
            assertThat(Api.count(project, campaign.toString(), "pending")).isZero();
        }
    }

    private static Set<String> ids(String sql, UUID campaign) {
        try (Connection c = PostgresResource.current().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, campaign);
            try (ResultSet rows = s.executeQuery()) {
                Set<String> ids = new HashSet<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
