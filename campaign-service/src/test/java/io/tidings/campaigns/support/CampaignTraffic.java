package io.tidings.campaigns.support;

import static io.tidings.campaigns.support.Api.as;
import static org.awaitility.Awaitility.await;

import io.tidings.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that send campaigns and play delivery-service: each test gets a fresh project, the
 * delivery.requests the service publishes ({@link #requests}) and a producer of delivery.outcomes ({@link #delivery}).
 */
public abstract class CampaignTraffic {
    protected TopicRecords requests;
    protected OutcomeProducer delivery;
    protected String project;

    @BeforeEach
    void openTraffic() {
        requests = new TopicRecords("delivery.requests");
        delivery = new OutcomeProducer();
        project = TestTokens.newProjectId();
    }

    @AfterEach
    void closeTraffic() {
        requests.close();
        delivery.close();
    }

    /** A campaign of n recipients whose n delivery requests are all published and QUEUED. */
    protected UUID sendingCampaign(int n) {
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, n)));
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> requests.forCampaign(campaign).size() >= n);
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "queued") == n);
        return campaign;
    }
}
