package io.tidings.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tidings.testing.LocalCluster;
import io.tidings.testing.TestTokens;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * campaign-service's reliability as a process: the packaged services run against real Kafka, PostgreSQL and SMTP;
 * a campaign paused mid-send and resumed, and a campaign whose campaign-service is SIGKILLed again and again during
 * expansion and publishing, both reach every member exactly once: once in the recipients, once at the SMTP server.
 * Calls go straight to the services with service tokens (the gateway only forwards them).
 */
class CampaignReliabilityIT {
    private static final Logger LOG = Logger.getLogger(CampaignReliabilityIT.class);
    private static final String CAMPAIGNS = "campaign-service";
    /** Small pages and batches, so expansion and publishing last long enough to be interrupted many times. */
    private static final Map<String, String> SMALL_STEPS = Map.of("TIDINGS_EXPANSION_PAGE_SIZE", "20",
            "TIDINGS_PUBLISHER_BATCH_SIZE", "5", "TIDINGS_EXPANSION_RESUME_EVERY", "1s");

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        Path root = LocalCluster.repositoryRoot();
        cluster = LocalCluster.start(root, root.resolve("deploy/e2e/target/reliability-" + UUID.randomUUID()));
        cluster.service(CAMPAIGNS).stop(Duration.ofSeconds(20));
        cluster.startService(CAMPAIGNS, SMALL_STEPS);
        cluster.awaitReady(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pauseMidSendThenResumeReachesEveryRecipientExactlyOnce() {
        Project project = new Project("pause.example", 300);
        String campaign = project.campaign(Map.of("limit", 40, "per", "PT1S", "burst", 10));
        project.campaigns().post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
        await("some sent").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> project.read(campaign).getLong("counts.sent") >= 40);

        project.campaigns().post("/api/v1/campaigns/" + campaign + "/pause").then().statusCode(200);

        // delivery stops within seconds: nothing stays QUEUED, and the mailbox matches what the campaign says
        await("paused and settled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> project.read(campaign).getLong("counts.queued") == 0);
        long sentWhilePaused = project.read(campaign).getLong("counts.sent");
        await("no mail while paused").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> project.mailsPerAddress().values().stream().mapToLong(Long::longValue).sum()
                        == project.read(campaign).getLong("counts.sent"));
        assertThat(sentWhilePaused).isLessThan(300);
        assertThat(project.read(campaign).getString("state")).isEqualTo("PAUSED");

        project.campaigns().post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);
        project.campaigns().post("/api/v1/campaigns/" + campaign + "/resume").then().statusCode(200);

        project.awaitCompleted(campaign, Duration.ofSeconds(90));
        project.assertEveryMemberExactlyOnce(campaign);
    }

    @Test
    void campaignServiceKilledTwentyTimesDuringExpansionAndPublishingLosesAndDuplicatesNobody() {
        Project project = new Project("kill.example", 2000);
        String campaign = project.campaign(Map.of("limit", 2000, "per", "PT1S", "burst", 200));
        project.campaigns().post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);

        Random random = new Random(20261128);
        Map<String, Integer> killedIn = new HashMap<>();
        for (int kill = 1; kill <= 20; kill++) {
            Duration delay = Duration.ofMillis(100 + random.nextInt(1200));
            await().pollDelay(delay).atMost(delay.plusSeconds(1)).until(() -> true);
            JsonPath before = project.read(campaign);
            // requests are published while the expansion still stores pages: "publishing" is pending rows while
            // others are already queued, whether the campaign is still EXPANDING or already SENDING
            boolean pending = before.getLong("counts.pending") > 0;
            boolean publishing = pending && before.getLong("counts.queued") > 0;
            String phase = before.getString("state") + (publishing ? "+publishing" : pending ? "+pending" : "");
            killedIn.merge(phase, 1, Integer::sum);
            LOG.infof("kill %d after %d ms: %s, %d expanded, %d pending, %d queued, %d sent", kill, delay.toMillis(),
                    phase, before.getLong("expandedCount"), before.getLong("counts.pending"),
                    before.getLong("counts.queued"), before.getLong("counts.sent"));
            cluster.service(CAMPAIGNS).kill();
            cluster.startService(CAMPAIGNS, SMALL_STEPS);
            cluster.awaitReady(Duration.ofMinutes(1));
        }
        LOG.infof("kills by phase: %s", killedIn);

        project.awaitCompleted(campaign, Duration.ofSeconds(120));
        project.assertEveryMemberExactlyOnce(campaign);
        assertThat(killedIn.keySet()).as("kills by phase").anyMatch(phase -> phase.startsWith("EXPANDING+"));
        assertThat(killedIn.entrySet()).as("kills while publishing")
                .anyMatch(phase -> phase.getKey().endsWith("+publishing") && phase.getValue() > 0);
    }

    /** A fresh project with N contacts at addresses of its own domain, tagged into one segment. */
    private static final class Project {
        private final String id = TestTokens.newProjectId();
        private final String domain;
        private final List<String> emails;
        private final String segmentId;

        Project(String domain, int size) {
            this.domain = domain;
            this.emails = IntStream.range(0, size).mapToObj(i -> "reader" + i + "@" + domain).toList();
            String csv = "email,first_name,last_name\n" + emails.stream()
                    .map(email -> email + ",Reader,No" + email.substring(6, email.indexOf('@')))
                    .collect(Collectors.joining("\n")) + "\n";
            JsonPath report = as(cluster.service("contacts-service").baseUrl()).contentType("text/csv").body(csv)
                    .post("/api/v1/contacts/imports?tags=reliability&wait=true").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(report.getInt("rows.created")).isEqualTo(size);
            segmentId = as(cluster.service("contacts-service").baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("name", domain, "filter", Map.of("tagsAll", List.of("reliability"))))
                    .post("/api/v1/segments").then().statusCode(201).extract().path("id");
        }

        RequestSpecification campaigns() {
            return as(cluster.service(CAMPAIGNS).baseUrl());
        }

        private RequestSpecification as(String baseUrl) {
            return given().baseUri(baseUrl).auth().oauth2(TestTokens.project(id));
        }

        String campaign(Map<String, Object> rate) {
            String sender = campaigns().contentType(ContentType.JSON)
                    .body(Map.of("name", domain, "fromEmail", "news@tidings.test", "fromName", "Tidings", "rate", rate))
                    .post("/api/v1/senders").then().statusCode(201).extract().path("id");
            return campaigns().contentType(ContentType.JSON)
                    .body(Map.of("name", domain, "senderId", sender, "segmentId", segmentId,
                            "subject", "Hello {contact.firstName}", "textBody", "Dear {contact.lastName}"))
                    .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        }

        JsonPath read(String campaign) {
            return campaigns().get("/api/v1/campaigns/" + campaign).then().statusCode(200).extract().jsonPath();
        }

        void awaitCompleted(String campaign, Duration within) {
            await("campaign completed").atMost(within).pollInterval(Duration.ofMillis(500))
                    .until(() -> "COMPLETED".equals(read(campaign).getString("state")));
        }

        /** How many mails the SMTP server accepted for each address of this project's domain. */
        Map<String, Long> mailsPerAddress() {
            return Arrays.stream(cluster.smtp().getReceivedMessages())
                    .flatMap(message -> Arrays.stream(recipients(message)))
                    .map(address -> ((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT))
                    .filter(address -> address.endsWith("@" + domain))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }

        void assertEveryMemberExactlyOnce(String campaign) {
            JsonPath read = read(campaign);
            assertThat(read.getLong("counts.total")).isEqualTo(emails.size());
            assertThat(read.getLong("counts.sent")).isEqualTo(emails.size());
            String csv = campaigns().accept("text/csv").get("/api/v1/campaigns/" + campaign + "/recipients")
                    .then().statusCode(200).extract().asString();
            List<String[]> rows = csv.lines().skip(1).map(line -> line.split(",")).toList();
            assertThat(rows).hasSize(emails.size());
            assertThat(rows.stream().map(row -> row[0]).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(emails));
            assertThat(rows).allSatisfy(row -> assertThat(row[3]).isEqualTo("SENT"));
            Map<String, Long> mails = mailsPerAddress();
            List<String> duplicated = new ArrayList<>();
            mails.forEach((address, count) -> {
                if (count > 1) {
                    duplicated.add(address + " x" + count);
                }
            });
            LOG.infof("%s: %d addresses mailed, duplicates: %s", domain, mails.size(), duplicated);
            assertThat(duplicated).as("addresses mailed more than once").isEmpty();
            assertThat(mails.keySet()).isEqualTo(Set.copyOf(emails));
        }

        private static Address[] recipients(MimeMessage message) {
            try {
                return message.getAllRecipients();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
