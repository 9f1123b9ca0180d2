package io.tidings.campaigns.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.campaigns.paging.TimeOrderedIds;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.Member;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class ExpansionResumeTest {

    @Test
    void interruptedExpansionResumesFromItsCursorAndStoresEveryMemberOnce() throws Exception {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, 20);
        UUID campaign = UUID.fromString(Api.createCampaign(project, segment));
        List<Member> members = FakeContactsService.members(segment);
        List<Member> firstPage = members.subList(0, 7);
        String cursor = firstPage.get(6).contactId().toString();

        // what a service killed right after storing the first page leaves behind: the page's rows, with the ids the
        // service gives them (time-ordered), and the counters its page transaction kept beside them (the publisher's
        // cursor relies on max_id covering every stored row: a row below it is looked for again)
        List<UUID> ids = firstPage.stream().map(member -> TimeOrderedIds.next()).toList();
        try (Connection db = PostgresResource.current().connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO campaigns.mailing_recipient (id, "
                    + "project_id, campaign_id, contact_id, email, normalized_email) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < firstPage.size(); i++) {
                    Member member = firstPage.get(i);
                    insert.setObject(1, ids.get(i));
                    insert.setObject(2, UUID.fromString(project));
                    insert.setObject(3, campaign);
                    insert.setObject(4, member.contactId());
                    insert.setString(5, member.email());
                    insert.setString(6, member.normalizedEmail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement counts = db.prepareStatement(
                    "UPDATE campaigns.recipient_counts SET total = 7, pending = 7, max_id = ? WHERE campaign_id = ?");
                    PreparedStatement state = db.prepareStatement("UPDATE campaigns.campaign SET state = 'EXPANDING', "
                            + "expansion_cursor = ?, expanded_count = 7 WHERE id = ?")) {
                counts.setObject(1, ids.get(ids.size() - 1));
                counts.setObject(2, campaign);
                counts.executeUpdate();
                state.setString(1, cursor);
                state.setObject(2, campaign);
                state.executeUpdate();
            }
            db.commit();
        }

        // the resumer (at start, then every second in tests) picks the campaign up
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.state(project, campaign.toString()).equals("SENDING"));

        assertThat(SendTest.recipientRows(campaign)).isEqualTo(20);
        assertThat(Api.campaign(project, campaign.toString()).getLong("counts.total")).isEqualTo(20);
        assertThat(FakeContactsService.memberCalls(segment)).isNotEmpty()
                .allSatisfy(call -> assertThat(call.after()).isNotNull())
                .first().satisfies(call -> assertThat(call.after()).isEqualTo(cursor));
        try (TopicRecords requests = new TopicRecords("delivery.requests")) {
            await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .until(() -> requests.forCampaign(campaign).size() >= 20);
            assertThat(requests.forCampaign(campaign).stream().map(r -> r.value().get("contactId").asText())
                    .collect(Collectors.toSet()))
                    .hasSize(20)
                    .isEqualTo(members.stream().map(m -> m.contactId().toString()).collect(Collectors.toSet()));
        }
    }
}
