package io.tidings.campaigns.recipients;

import static io.tidings.campaigns.support.Api.as;
import static io.tidings.campaigns.support.OutcomeProducer.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.path.json.JsonPath;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.campaigns.support.OutcomeProducer;
import io.tidings.campaigns.support.TopicRecords;
import io.tidings.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class RecipientListingTest {

    @Test
    void listsRecipientsByStatusInKeysetPages() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 9)));
        as(project).post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        try (TopicRecords requests = new TopicRecords("delivery.requests"); OutcomeProducer delivery = new OutcomeProducer()) {
            await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .until(() -> requests.forCampaign(campaign).size() >= 9);
            List<TopicRecords.Record> sent = requests.forCampaign(campaign);
            for (int i = 0; i < 9; i++) {
                delivery.send(outcome(i < 4 ? "sent" : i < 6 ? "bounced" : "deferred", sent.get(i)));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.count(project, campaign.toString(), "deferred") == 3
                && Api.count(project, campaign.toString(), "sent") == 4
                && Api.count(project, campaign.toString(), "bounced") == 2);
        String path = "/api/v1/campaigns/" + campaign + "/recipients";

        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = as(project).queryParam("status", "SENT,bounced").queryParam("limit", 4);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get(path).then().statusCode(200)
                    .body("items.status", everyItem(oneOf("SENT", "BOUNCED")))
                    .extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            after = page.getString("next");
        } while (after != null);
        assertThat(ids).hasSize(6).doesNotHaveDuplicates().isSorted();

        as(project).queryParam("status", "DEFERRED").get(path).then().statusCode(200)
                .body("items.size()", equalTo(3))
                .body("items[0].smtpCode", equalTo(451))
                .body("items[0].enhancedCode", equalTo("4.3.0"))
                .body("items[0].attempt", equalTo(2))
                .body("items[0].generation", equalTo(1))
                .body("items[0].messageId", nullValue())
                .body("next", nullValue());
        as(project).get(path).then().statusCode(200).body("items.size()", equalTo(9));
    }

    @Test
    void unknownStatusIs400NamingTheParameter() {
        String project = TestTokens.newProjectId();
        String campaign = Api.createCampaign(project, FakeContactsService.segment(project, 1));
        as(project).queryParam("status", "SENT,DELIVERED").get("/api/v1/campaigns/" + campaign + "/recipients").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        as(project).queryParam("after", "yesterday").get("/api/v1/campaigns/" + campaign + "/recipients").then()
                .statusCode(400).body("errors[0].field", equalTo("after"));
    }
}
