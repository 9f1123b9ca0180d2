package io.tidings.campaigns.recipients;

import static io.tidings.campaigns.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.testing.TestTokens;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class RecipientCsvExportTest {
    // more than two pages of the export (2000 rows each), so the keyset paging is crossed
    private static final int ROWS = 4500;

    @Test
    void csvStreamsEveryRecipientOnceWithTheContractHeader() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 1)));
        Database.update("INSERT INTO campaigns.mailing_recipient (id, project_id, campaign_id, contact_id, email, "
                + "normalized_email, first_name, last_name, status) SELECT gen_random_uuid(), ?, ?, gen_random_uuid(), "
                + "'reader' || i || '@example.com', 'reader' || i || '@example.com', 'Reader', 'No' || i, "
                + "CASE WHEN i % 3 = 0 THEN 'SENT' ELSE 'QUEUED' END FROM generate_series(1, ?) i",
                UUID.fromString(project), campaign, ROWS);

        Response response = as(project).accept("text/csv").get("/api/v1/campaigns/" + campaign + "/recipients");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        List<String> lines = Arrays.asList(response.asString().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("email,firstName,lastName,status,generation,attempt,smtpReply,updatedAt");
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.subList(1, lines.size()).stream().map(line -> line.split(",")[0]).distinct()).hasSize(ROWS);
        assertThat(lines.get(1)).matches("reader\\d+@example\\.com,Reader,No\\d+,(SENT|QUEUED),1,0,,\\d{4}-.*Z");

        String sentOnly = as(project).accept("text/csv").queryParam("status", "SENT")
                .get("/api/v1/campaigns/" + campaign + "/recipients").then().statusCode(200).extract().asString();
        assertThat(sentOnly.split("\r\n")).hasSize(ROWS / 3 + 1);
    }

    @Test
    void csvNeutralisesFormulasAndQuotesSeparators() {
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 1)));
        Database.update("INSERT INTO campaigns.mailing_recipient (id, project_id, campaign_id, contact_id, email, "
                + "normalized_email, first_name, last_name, smtp_reply, status) VALUES (gen_random_uuid(), ?, ?, "
                + "gen_random_uuid(), 'eve@example.com', 'eve@example.com', '=HYPERLINK(\"http://x\")', 'Smith, Jr', "
                + "'550 5.1.1 \"no\" such user', 'BOUNCED')", UUID.fromString(project), campaign);

        String csv = as(project).accept("text/csv").get("/api/v1/campaigns/" + campaign + "/recipients")
                .then().statusCode(200).extract().asString();

        assertThat(csv.split("\r\n")[1]).startsWith(
                "eve@example.com,\"'=HYPERLINK(\"\"http://x\"\")\",\"Smith, Jr\",BOUNCED,1,0,\"550 5.1.1 \"\"no\"\" such user\",");
    }

    @Test
    void csvOfAnotherProjectsCampaignIsNotFound() {
        String owner = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(owner, FakeContactsService.segment(owner, 1)));
        as(TestTokens.newProjectId()).accept("text/csv").get("/api/v1/campaigns/" + campaign + "/recipients")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        as(owner).accept("application/json").get("/api/v1/campaigns/" + campaign + "/recipients")
                .then().statusCode(200).contentType(startsWith("application/json"));
    }
}
