package io.tidings.campaigns.lease;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.contacts.SegmentMember;
import io.tidings.campaigns.expansion.ExpansionJob;
import io.tidings.campaigns.expansion.ExpansionStore;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two campaign-service instances sharing one database, played by this service's lease and a second lease object
 * with another instance id (two Quarkus apps cannot share a JVM): only one works on a campaign at a time, the page
 * transaction of an instance that lost the lease stores nothing, and a dead holder's campaign is taken over once
 * its lease expires.
 */
@CampaignServiceTest
class CampaignLeaseTest {
    @Inject
    Pool db;
    @Inject
    CampaignLease lease;
    @Inject
    ExpansionStore store;

    @Test
    void oneInstanceHoldsTheLeaseUntilItExpires() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 3)));
        CampaignLease other = new CampaignLease(db, Optional.of("other-pod"), Duration.ofSeconds(1));

        assertThat(lease.acquire(campaign).await().indefinitely()).isTrue();
        assertThat(other.acquire(campaign).await().indefinitely()).isFalse();
        assertThat(lease.acquire(campaign).await().indefinitely()).isTrue();

        // this instance dies: its lease runs out and the other takes the campaign over, which this one then cannot
        Database.update("UPDATE campaigns.campaign SET worker_until = now() - interval '1 second' WHERE id = ?", campaign);
        assertThat(other.acquire(campaign).await().indefinitely()).isTrue();
        assertThat(lease.acquire(campaign).await().indefinitely()).isFalse();
        assertThat(Database.text("SELECT worker FROM campaigns.campaign WHERE id = ?", campaign)).isEqualTo("other-pod");

        // released, it is free at once
        other.release(campaign).await().indefinitely();
        assertThat(lease.acquire(campaign).await().indefinitely()).isTrue();
        assertThat(Database.text("SELECT worker FROM campaigns.campaign WHERE id = ?", campaign)).isEqualTo(lease.owner());
    }

    @Test
    void aPageOfAnInstanceThatLostTheLeaseStoresNothing() {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, 3);
        UUID campaign = UUID.fromString(Api.createCampaign(project, segment));
        Database.update("UPDATE campaigns.campaign SET state = 'EXPANDING', worker = 'other-pod', "
                + "worker_until = now() + interval '1 minute' WHERE id = ?", campaign);
        List<SegmentMember> members = FakeContactsService.members(segment).stream()
                .map(m -> new SegmentMember(m.contactId(), m.email(), m.normalizedEmail(), m.firstName(), m.lastName(),
                        Map.of("city", m.city())))
                .toList();
        ExpansionJob job = new ExpansionJob(campaign, UUID.fromString(project), segment, CampaignState.EXPANDING, null,
                false);

        assertThat(store.storePage(job, members, members.get(2).contactId().toString()).await().indefinitely())
                .isEqualTo(ExpansionStore.LEASE_LOST);
        assertThat(Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ?", campaign))
                .isZero();
        assertThat(Database.text("SELECT expansion_cursor FROM campaigns.campaign WHERE id = ?", campaign)).isNull();
        assertThat(Api.count(project, campaign.toString(), "total")).isZero();
    }

    @Test
    void aCampaignLeasedByAnotherInstanceWaitsAndIsTakenOverWhenTheLeaseExpires() {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, 20);
        UUID campaign = UUID.fromString(Api.createCampaign(project, segment));
        // another pod holds the lease (it might be expanding right now), and then dies without renewing it
        Database.update("UPDATE campaigns.campaign SET worker = 'other-pod', worker_until = now() + interval '4 seconds' "
                + "WHERE id = ?", campaign);

        try (TopicRecords requests = new TopicRecords("delivery.requests")) {
            as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ?",
                            campaign) == 0);
            assertThat(Api.state(project, campaign.toString())).isEqualTo("EXPANDING");

            // the resumer (every second in tests) takes the campaign over once the lease has expired
            await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(project, campaign.toString(), "queued") == 20);
            assertThat(Api.state(project, campaign.toString())).isEqualTo("SENDING");
            await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                    .until(() -> requests.forCampaign(campaign).size() >= 20);
            assertThat(requests.forCampaign(campaign).stream().map(r -> r.value().get("contactId").asText())
                    .collect(Collectors.toSet()))
                    .isEqualTo(FakeContactsService.members(segment).stream().map(m -> m.contactId().toString())
                            .collect(Collectors.toSet()));
            assertThat(requests.forCampaign(campaign)).hasSize(20);
        }
    }
}
