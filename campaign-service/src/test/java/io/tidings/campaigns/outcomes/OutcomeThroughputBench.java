package io.tidings.campaigns.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.campaigns.support.Api;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.campaigns.support.Database;
import io.tidings.campaigns.support.FakeContactsService;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast outcomes are applied: a SENDING campaign of N QUEUED recipients (rows written directly), one SENT
 * outcome each produced into delivery.outcomes as fast as the producer goes, timed until every recipient is
 * counted SENT and the campaign is COMPLETED. A measurement, not a test of speed: it runs only when asked,
 * {@code ./mvnw -o -B -pl campaign-service test -Dtest=OutcomeThroughputBench -Dtidings.bench.outcomes=100000},
 * and prints its figures (nothing in verify times anything).
 */
@CampaignServiceTest
@Tag("bench")
@EnabledIfSystemProperty(named = "tidings.bench.outcomes", matches = "\\d+")
class OutcomeThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void appliesOutcomesOfAWholeCampaign() throws Exception {
        int n = Integer.parseInt(System.getProperty("tidings.bench.outcomes"));
        String project = TestTokens.newProjectId();
        UUID campaign = UUID.fromString(Api.createCampaign(project, FakeContactsService.segment(project, 1)));
        List<UUID> recipients = queuedRecipients(UUID.fromString(project), campaign, n);
        ObjectNode template = (ObjectNode) JSON.readTree(Contracts.fixture("delivery.outcomes/v1-sent.json"));
        template.put("projectId", project).put("campaignId", campaign.toString()).put("generation", 1);

        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.current().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (UUID recipient : recipients) {
                ObjectNode outcome = template.deepCopy();
                outcome.put("eventId", UUID.randomUUID().toString()).put("recipientId", recipient.toString())
                        .put("contactId", UUID.randomUUID().toString());
                producer.send(new ProducerRecord<>("delivery.outcomes", recipient.toString(), outcome.toString()));
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        long appliedWhenProduced = Database.count(
                "SELECT sent FROM campaigns.recipient_counts WHERE campaign_id = ?", campaign);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(50)).until(() -> Database.count(
                "SELECT sent FROM campaigns.recipient_counts WHERE campaign_id = ?", campaign) == n);
        long applied = System.nanoTime();

        double seconds = (applied - start) / 1e9;
        double backlog = (applied - produced) / 1e9;
        System.out.printf("OUTCOME BENCH: %d outcomes; produced in %.2f s; all applied after %.2f s: %.0f outcomes/s; "
                + "the %d left when all were produced took %.2f s more: %.0f outcomes/s%n", n,
                (produced - start) / 1e9, seconds, n / seconds, n - appliedWhenProduced, backlog,
                (n - appliedWhenProduced) / backlog);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(Database.text(
                "SELECT state FROM campaigns.campaign WHERE id = ?", campaign)));
        assertThat(Database.count("SELECT count(*) FROM campaigns.mailing_recipient WHERE campaign_id = ? "
                + "AND status = 'SENT'", campaign)).isEqualTo(n);
    }

    /** Makes the campaign SENDING with n QUEUED recipients of generation 1, as publishing would leave it. */
    private static List<UUID> queuedRecipients(UUID project, UUID campaign, int n) throws Exception {
        Database.update("INSERT INTO campaigns.mailing_recipient (id, project_id, campaign_id, contact_id, email, "
                + "normalized_email, status) SELECT gen_random_uuid(), ?, ?, gen_random_uuid(), "
                + "'r' || i || '@bench.example', 'r' || i || '@bench.example', 'QUEUED' FROM generate_series(1, ?) i",
                project, campaign, n);
        Database.update("INSERT INTO campaigns.recipient_counts (campaign_id, total, queued) VALUES (?, ?, ?) "
                + "ON CONFLICT (campaign_id) DO UPDATE SET total = excluded.total, queued = excluded.queued",
                campaign, n, n);
        Database.update("UPDATE campaigns.campaign SET state = 'SENDING', expansion_done = true, "
                + "expanded_count = ?, sent_at = now(), last_progress_at = now() WHERE id = ?", n, campaign);
        List<UUID> ids = new ArrayList<>(n);
        try (Connection c = PostgresResource.current().connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM campaigns.mailing_recipient WHERE campaign_id = ?")) {
            s.setObject(1, campaign);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }
}
