package io.tidings.campaigns.expansion;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.Fixtures;
import io.tidings.campaigns.support.Member;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class SendTest {
    // the test profile pages members by 7 and publishes by 10, so 23 members cross several of each
    private static final int MEMBERS = 23;

    private TopicRecords requests;
    private TopicRecords control;

    @BeforeEach
    void readTopics() {
        requests = new TopicRecords("delivery.requests");
        control = new TopicRecords("campaign.control");
    }

    @AfterEach
    void closeTopics() {
        requests.close();
        control.close();
    }

    @Test
    void sendExpandsSegmentIntoOneRecipientAndOneRequestEach() {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, MEMBERS);
        UUID campaign = UUID.fromString(Api.createCampaign(project, segment));

        as(project).post("/api/v1/campaigns/" + campaign + "/send").then()
                .statusCode(202).body("id", equalTo(campaign.toString()))
                .body("state", oneOf("EXPANDING", "SENDING"));

        List<TopicRecords.Record> events = awaitRequests(campaign, MEMBERS);
        assertThat(events).hasSize(MEMBERS);
        assertThat(events).allSatisfy(event -> {
            assertThat(Fixtures.fieldPaths(event.value())).isEqualTo(Fixtures.fieldPaths("delivery.requests/v1.json"));
            assertThat(event.key()).isEqualTo(event.value().get("recipientId").asText());
            assertThat(event.value().get("projectId").asText()).isEqualTo(project);
            assertThat(event.value().get("generation").asInt()).isEqualTo(1);
            assertThat(event.value().get("occurredAt").isTextual()).isTrue();
            assertThat(UUID.fromString(event.value().get("eventId").asText())).isNotNull();
        });
        assertThat(events.stream().map(e -> e.value().get("recipientId").asText()).distinct()).hasSize(MEMBERS);
        assertThat(events.stream().map(e -> e.value().get("eventId").asText()).distinct()).hasSize(MEMBERS);
        List<Member> members = FakeContactsService.members(segment);
        assertThat(events.stream().map(e -> e.value().get("contactId").asText()).collect(Collectors.toSet()))
                .isEqualTo(members.stream().map(m -> m.contactId().toString()).collect(Collectors.toSet()));
        Member first = members.get(0);
        JsonNode event = events.stream()
                .filter(e -> e.value().get("contactId").asText().equals(first.contactId().toString()))
                .findFirst().orElseThrow().value();
        assertThat(event.get("email").asText()).isEqualTo(first.email());
        assertThat(event.get("normalizedEmail").asText()).isEqualTo(first.normalizedEmail());
        assertThat(event.get("firstName").asText()).isEqualTo(first.firstName());
        assertThat(event.get("fields").get("city").asText()).isEqualTo(first.city());
        assertThat(event.get("type").asText()).isEqualTo("DeliveryRequested");
        assertThat(event.get("version").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "queued") == MEMBERS);
        assertThat(Api.state(project, campaign.toString())).isEqualTo("SENDING");
        assertThat(Api.campaign(project, campaign.toString()).getLong("counts.total")).isEqualTo(MEMBERS);
        assertThat(recipientRows(campaign)).isEqualTo(MEMBERS);
        assertThat(FakeContactsService.rejectedTokens()).isZero();

        // EXPANDING is announced before any request is published (the publisher waits for it), SENDING after the last page
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> control.forCampaign(campaign).stream()
                .anyMatch(r -> r.value().get("state").asText().equals("SENDING")));
        List<TopicRecords.Record> controls = control.forCampaign(campaign);
        assertThat(controls).extracting(r -> r.value().get("state").asText()).startsWith("EXPANDING").contains("SENDING");
        JsonNode sending = controls.stream().map(TopicRecords.Record::value)
                .filter(v -> v.get("state").asText().equals("SENDING")).findFirst().orElseThrow();
        assertThat(Fixtures.fieldPaths(sending)).isEqualTo(Fixtures.fieldPaths("campaign.control/v1.json"));
        assertThat(sending.at("/sender/rate/per").asText()).isEqualTo("PT1H");
        assertThat(sending.at("/content/subject").asText()).isEqualTo("Hello {contact.firstName ?: 'reader'}");
    }

    @Test
    void sendingTwiceExpandsAndPublishesOnce() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, MEMBERS)));

        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        awaitRequests(campaign, MEMBERS);
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202)
                .body("state", oneOf("SENDING", "COMPLETED"));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() == MEMBERS);
        assertThat(recipientRows(campaign)).isEqualTo(MEMBERS);
        assertThat(Api.campaign(project, campaign.toString()).getLong("counts.total")).isEqualTo(MEMBERS);
    }

    @Test
    void concurrentSendsExpandOnce() {
        String project = TestTokens.newProjectId();
        UUID segment = FakeContactsService.segment(project, MEMBERS);
        UUID campaign = UUID.fromString(Api.createCampaign(project, segment));

        var pool = Executors.newFixedThreadPool(6);
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        as(project).post("/api/v1/campaigns/" + campaign + "/send").statusCode(), pool))
                .toList();
        assertThat(calls.stream().map(CompletableFuture::join)).containsOnly(202);
        pool.shutdown();

        awaitRequests(campaign, MEMBERS);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() == MEMBERS);
        assertThat(recipientRows(campaign)).isEqualTo(MEMBERS);
        assertThat(FakeContactsService.memberCalls(segment).stream().filter(call -> call.after() == null)).hasSize(1);
    }

    @Test
    void sameNormalisedAddressBecomesOneRecipient() {
        String project = TestTokens.newProjectId();
        List<Member> members = new ArrayList<>(Member.distinct(10));
        members.add(members.get(2).twin());
        members.add(members.get(5).twin());
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, members)));

        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);

        awaitRequests(campaign, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "queued") == 10);
        assertThat(recipientRows(campaign)).isEqualTo(10);
        assertThat(Api.campaign(project, campaign.toString()).getLong("counts.total")).isEqualTo(10);
        assertThat(requests.forCampaign(campaign).stream().map(e -> e.value().get("normalizedEmail").asText())
                .distinct()).hasSize(10);
    }

    @Test
    void emptySegmentCompletesAtOnce() {
        String project = TestTokens.newProjectId();
        String campaign = Api.createCampaign(project, FakeContactsService.segment(project, 0));

        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.state(project, campaign).equals("COMPLETED"));
        assertThat(Api.campaign(project, campaign).getLong("counts.total")).isZero();
    }

    private List<TopicRecords.Record> awaitRequests(UUID campaign, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() >= count);
        return requests.forCampaign(campaign);
    }

    static long recipientRows(UUID campaign) {
        return Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ?", campaign);
    }
}
