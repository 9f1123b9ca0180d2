package io.tidings.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tidings.testing.LocalCluster;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, through the public API only: the four packaged services run as processes against real
 * Kafka, PostgreSQL and SMTP; a CSV goes in through the gateway and every valid contact ends SENT, in the
 * campaign's counts, in its recipient list and in the SMTP server's mailbox.
 */
class CampaignEndToEndIT {
    private static final List<String> VALID = List.of("anna.schmidt@example.com", "tomas.novak@example.com",
            "mara.lind@example.com", "sven.olsen@example.com", "jules.martin@example.net", "aiko.sato@example.jp",
            "leila.haddad@example.org", "ingrid.berg@example.com");

    private static LocalCluster cluster;
    private static String api;

    @BeforeAll
    static void startCluster() {
        Path root = LocalCluster.repositoryRoot();
        cluster = LocalCluster.start(root, root.resolve("deploy/e2e/target/e2e-" + UUID.randomUUID()));
        api = cluster.gatewayUrl() + "/api/v1";
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void campaignReachesEveryValidContactThroughTheGateway() throws Exception {
        String key = newProject("E2E");

        JsonPath report = given().auth().oauth2(key).contentType("text/csv").body(csv("e2e-contacts.csv"))
                .post(api + "/contacts/imports?tags=e2e&wait=true")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("state")).isEqualTo("COMPLETED");
        assertThat(report.getInt("rows.read")).isEqualTo(9);
        assertThat(report.getInt("rows.created")).isEqualTo(8);
        assertThat(report.getInt("rows.rejected")).isEqualTo(1);
        assertThat(report.getInt("rows.repaired")).isEqualTo(2);

        String segmentId = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E readers", "filter", Map.of("tagsAll", List.of("e2e"))))
                .post(api + "/segments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(key).get(api + "/segments/" + segmentId)
                .then().statusCode(200).body("memberCount", equalTo(VALID.size()));

        String senderId = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E", "fromEmail", "news@tidings.test", "fromName", "Tidings E2E",
                        "rate", Map.of("limit", 100, "per", "PT1S", "burst", 100)))
                .post(api + "/senders").then().statusCode(201).extract().path("id");
        String campaignId = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E campaign", "senderId", senderId, "segmentId", segmentId,
                        "subject", "Hello {contact.firstName}", "textBody", "Dear {contact.firstName} {contact.lastName}"))
                .post(api + "/campaigns").then().statusCode(201).extract().path("id");

        given().auth().oauth2(key).post(api + "/campaigns/" + campaignId + "/send").then().statusCode(202);
        given().auth().oauth2(key).post(api + "/campaigns/" + campaignId + "/send").then().statusCode(202);

        await("campaign completed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> "COMPLETED".equals(given().auth().oauth2(key).get(api + "/campaigns/" + campaignId)
                        .then().statusCode(200).extract().path("state")));
        JsonPath campaign = given().auth().oauth2(key).get(api + "/campaigns/" + campaignId)
                .then().extract().jsonPath();
        assertThat(campaign.getInt("counts.total")).isEqualTo(VALID.size());
        assertThat(campaign.getInt("counts.sent")).isEqualTo(VALID.size());

        List<String> sentTo = given().auth().oauth2(key)
                .get(api + "/campaigns/" + campaignId + "/recipients?status=SENT&limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items.email");
        assertThat(sentTo).containsExactlyInAnyOrderElementsOf(VALID);

        MimeMessage[] mails = cluster.smtp().getReceivedMessages();
        assertThat(mails).hasSize(VALID.size());
        assertThat(Arrays.stream(mails).map(CampaignEndToEndIT::subject))
                .contains("Hello Anna", "Hello Tomas", "Hello Sven");
    }

    @Test
    void clientMistakesGetProblemDetails() {
        String key = newProject("Mistakes");
        given().get(api + "/campaigns/" + UUID.randomUUID())
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2("tk_not-a-real-key").get(api + "/campaigns/" + UUID.randomUUID())
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(key).get(api + "/campaigns/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(key).get(api + "/contacts/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(key).contentType(ContentType.JSON).body("{\"name\": \"no sender\"")
                .post(api + "/campaigns")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", "missing fields"))
                .post(api + "/senders")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("fromEmail")));
    }

    @Test
    void aProjectSeesOnlyItsOwnData() {
        String owner = newProject("Owner");
        String stranger = newProject("Stranger");
        String contactId = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("email", "private@example.com", "firstName", "Private"))
                .post(api + "/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).get(api + "/contacts/" + contactId).then().statusCode(200);
        given().auth().oauth2(stranger).get(api + "/contacts/" + contactId).then().statusCode(404);
        given().auth().oauth2(stranger).get(api + "/contacts").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    private static String newProject(String name) {
        return given().auth().oauth2(LocalCluster.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post(api + "/admin/projects")
                .then().statusCode(201).extract().path("apiKey.key");
    }

    private static byte[] csv(String resource) throws IOException {
        try (InputStream in = CampaignEndToEndIT.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
