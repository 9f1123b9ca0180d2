package io.tidings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.testing.Contracts;
import io.tidings.testing.FreePorts;
import io.tidings.testing.KafkaBroker;
import io.tidings.testing.ServiceProcess;
import io.tidings.testing.SmtpSinkServer;
import io.tidings.testing.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * delivery-service as processes (the packaged jar, real Kafka, PostgreSQL and Postfix's smtp-sink): a pod killed
 * with SIGKILL while the SMTP peer holds its transactions open mails nobody twice and leaves UNKNOWN at most the
 * sends that were in flight; and several pods sharing one sender keep its rate, counted where the mail arrives.
 */
class DeliveryReliabilityIT {
    private static final String MODULE = "delivery-service";
    private static final String GROUP = "delivery-service";
    private static final int REQUEST_PARTITIONS = 12;
    private static final int CONSUMERS_PER_POD = Integer.getInteger("tidings.rate-test.consumers", 4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaBroker kafka;
    private static TestDatabase database;
    private static Path workDir;
    private static KafkaProducer<String, String> producer;
    private final List<ServiceProcess> pods = new ArrayList<>();
    private SmtpSinkServer sink;

    @BeforeAll
    static void infrastructure() throws Exception {
        Path root = io.tidings.testing.LocalCluster.repositoryRoot();
        workDir = root.resolve("deploy/e2e/target/delivery-reliability-" + UUID.randomUUID());
        Files.createDirectories(workDir);
        kafka = KafkaBroker.start();
        kafka.createTopics(List.of("delivery.requests:" + REQUEST_PARTITIONS, "delivery.outcomes:12", "campaign.control:3:compact",
                "contacts.suppressions:6:compact"));
        database = TestDatabase.create();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @AfterEach
    void stopPods() {
        pods.forEach(ServiceProcess::close);
        pods.clear();
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void podKilledWhileThePeerHoldsTransactionsOpenMailsNobodyTwiceAndUnknownIsBoundedByInFlight() throws Exception {
        // the peer takes 4 s to answer each final dot: sends pile up in flight when the pod dies
        sink = SmtpSinkServer.recording("-W", ".:4");
        ServiceProcess pod = startPod(Map.of());
        UUID campaign = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        publishControl(project, campaign, 1000, 1000);
        int total = 16;
        List<UUID> recipients = publishRequests(project, campaign, total, "killed");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> ledgerCount(campaign, "status = 'CLAIMED'") >= 3);
        pod.kill();
        int inFlight = ledgerCount(campaign, "status = 'CLAIMED'");

        startPod(Map.of());
        Map<UUID, String> outcomes = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> terminalOutcomes(recipients), found -> found.size() == total);

        Map<String, Integer> received = sink.recipients();
        assertThat(received.values()).as("messages per address at the peer").allMatch(n -> n == 1);
        long unknown = outcomes.values().stream().filter("UNKNOWN"::equals).count();
        System.out.printf("delivery kill test: %d sends in flight at the kill, %d UNKNOWN, %d messages at the peer%n",
                inFlight, unknown, received.size());
        assertThat(unknown).as("UNKNOWN, with %d sends in flight at the kill", inFlight)
                .isLessThanOrEqualTo(inFlight);
        assertThat(outcomes.values()).allMatch(s -> s.equals("SENT") || s.equals("UNKNOWN"));
        assertThat(outcomes.values().stream().filter("SENT"::equals).count()).isEqualTo(total - unknown);
    }

    @Test
    void onePodKeepsTheSendersRateInEveryWindowAtThePeer() throws Exception {
        rateHoldsWith(1);
    }

    /**
     * Several pods sharing one sender (default 4; {@code -Dtidings.rate-test.pods=2}). Another minute or more of
     * wall time, so it runs with the delivery benchmark ({@code -Dtidings.rate-test.multi-pod=true}), not in every
     * verify: see deploy/bench/delivery.
     */
    @Test
    @EnabledIfSystemProperty(named = "tidings.rate-test.multi-pod", matches = "true")
    void severalPodsSharingOneSenderKeepItsRateInEveryWindowAtThePeer() throws Exception {
        rateHoldsWith(Integer.getInteger("tidings.rate-test.pods", 4));
    }

    private void rateHoldsWith(int podCount) throws Exception {
        int rate = 50;
        int burst = 50;
        int total = Integer.getInteger("tidings.rate-test.recipients", 3000);
        sink = SmtpSinkServer.counting();
        for (int i = 0; i < podCount; i++) {
            startPod(Map.of("TIDINGS_DELIVERY_CONSUMERS", String.valueOf(CONSUMERS_PER_POD)));
        }
        // the pods' consumers join the group one after another: the send starts once the group settled, so the
        // timing measures the bucket, not a rebalance of pods still starting (scaling out mid-send is another test)
        awaitGroupSettled(podCount * CONSUMERS_PER_POD);
        UUID campaign = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        publishControl(project, campaign, rate, burst);
        publishRequests(project, campaign, total, "rate" + podCount);

        double ideal = (total - burst) / (double) rate;
        await().atMost(Duration.ofSeconds((long) (ideal * 1.5) + 60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.accepted() >= total);
        List<Instant> at = sink.acceptedAt();

        double took = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0;
        int most1 = mostInAnyWindow(at, Duration.ofSeconds(1));
        int most10 = mostInAnyWindow(at, Duration.ofSeconds(10));
        System.out.printf("delivery rate test: %d pod(s), %d recipients at %d/s burst %d: %.2f s (ideal %.2f s, %.3fx),"
                + " most in 1 s %d (bound %d), in 10 s %d (bound %d)%n", podCount, total, rate, burst, took, ideal,
                took / ideal, most1, rate + burst, most10, 10 * rate + burst);

        assertThat(at).hasSize(total);
        assertThat(most1).isLessThanOrEqualTo(rate + burst);
        assertThat(most10).isLessThanOrEqualTo(10 * rate + burst);
        assertThat(took).as("seconds from first to last send, ideal %.1f", ideal).isLessThanOrEqualTo(ideal * 1.1);
    }

    private static void awaitGroupSettled(int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await("consumer group " + GROUP + " stable with " + members + " members").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups().get(GROUP).get(10, TimeUnit.SECONDS);
                        int assigned = group.members().stream()
                                .mapToInt(member -> member.assignment().topicPartitions().size()).sum();
                        return group.groupState() == GroupState.STABLE && group.members().size() == members
                                && assigned == REQUEST_PARTITIONS;
                    });
        }
    }

    /** The most sends in any window [t, t + w) that starts at a send. */
    static int mostInAnyWindow(List<Instant> sorted, Duration window) {
        int most = 0;
        for (int first = 0, last = 0; first < sorted.size(); first++) {
            Instant end = sorted.get(first).plus(window);
            while (last < sorted.size() && sorted.get(last).isBefore(end)) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    private ServiceProcess startPod(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TIDINGS_TOKEN_KEY_LOCATION", resource("tidings-test-token-key.jwk").toString());
        env.put("TIDINGS_UNSUBSCRIBE_KEY_LOCATION", resource("tidings-test-unsubscribe.key").toString());
        env.put("TIDINGS_PUBLIC_BASE_URL", "https://tidings.test");
        env.put("QUARKUS_MAILER_HOST", sink.host());
        env.put("QUARKUS_MAILER_PORT", String.valueOf(sink.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        // a dead pod's claims settle soon after its sends' deadline
        env.put("TIDINGS_DELIVERY_SEND_TIMEOUT", "10s");
        env.put("TIDINGS_DELIVERY_CLAIM_LEASE", "15s");
        env.put("TIDINGS_RETRY_EVERY", "1s");
        env.putAll(extra);
        ServiceProcess pod = ServiceProcess.start(io.tidings.testing.LocalCluster.repositoryRoot(), MODULE,
                FreePorts.next(), env, workDir.resolve("logs"), "256m");
        pods.add(pod);
        await(MODULE + " ready (log: " + pod.log() + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(pod::isReady);
        return pod;
    }

    private static void publishControl(UUID project, UUID campaign, int rate, int burst) throws Exception {
        ObjectNode control = (ObjectNode) JSON.readTree(Contracts.fixture("campaign.control/v1.json"));
        control.put("eventId", UUID.randomUUID().toString());
        control.put("projectId", project.toString());
        control.put("campaignId", campaign.toString());
        ObjectNode sender = (ObjectNode) control.get("sender");
        sender.put("id", UUID.randomUUID().toString());
        ObjectNode limit = sender.putObject("rate");
        limit.put("limit", rate);
        limit.put("per", "PT1S");
        limit.put("burst", burst);
        producer.send(new ProducerRecord<>("campaign.control", campaign.toString(), control.toString()))
                .get(10, TimeUnit.SECONDS);
    }

    private static List<UUID> publishRequests(UUID project, UUID campaign, int count, String name) throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(Contracts.fixture("delivery.requests/v1.json"));
        List<UUID> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID recipient = UUID.randomUUID();
            String address = name + "." + i + "." + recipient.toString().substring(0, 8) + "@example.org";
            ObjectNode request = template.deepCopy();
            request.put("eventId", UUID.randomUUID().toString());
            request.put("projectId", project.toString());
            request.put("campaignId", campaign.toString());
            request.put("recipientId", recipient.toString());
            request.put("contactId", UUID.randomUUID().toString());
            request.put("email", address);
            request.put("normalizedEmail", address);
            producer.send(new ProducerRecord<>("delivery.requests", recipient.toString(), request.toString()));
            recipients.add(recipient);
        }
        producer.flush();
        return recipients;
    }

    private static int ledgerCount(UUID campaign, String condition) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM delivery.ledger WHERE campaign_id = '"
                        + campaign + "' AND " + condition)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The last terminal outcome published for each of these recipients. */
    private static Map<UUID, String> terminalOutcomes(List<UUID> recipients) throws Exception {
        Map<UUID, String> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("delivery.outcomes").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    UUID recipient = UUID.fromString(record.key());
                    if (recipients.contains(recipient)) {
                        JsonNode outcome = parse(record.value());
                        String status = outcome.get("status").asText();
                        if (!status.equals("DEFERRED") && !status.equals("PAUSED")) {
                            found.put(recipient, status);
                        }
                    }
                });
            }
        }
        return found;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) throws Exception {
        try (InputStream in = DeliveryReliabilityIT.class.getClassLoader().getResourceAsStream(name)) {
            Path file = workDir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
