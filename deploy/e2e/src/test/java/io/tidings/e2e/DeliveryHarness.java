package io.tidings.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.testing.Contracts;
import io.tidings.testing.FreePorts;
import io.tidings.testing.KafkaBroker;
import io.tidings.testing.LocalCluster;
import io.tidings.testing.ServiceEnvironment;
import io.tidings.testing.ServiceProcess;
import io.tidings.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the delivery process tests share: a Kafka broker and a fresh database of their own, packaged
 * delivery-service pods started as child processes (stopped by PID), the campaign's control record and requests
 * published as campaign-service would, and the ledger and outcomes read back.
 */
final class DeliveryHarness implements AutoCloseable {
    static final String MODULE = "delivery-service";
    static final int REQUEST_PARTITIONS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    final KafkaBroker kafka;
    final TestDatabase database;
    private final Path workDir;
    private final KafkaProducer<String, String> producer;
    private final List<ServiceProcess> pods = new ArrayList<>();

    private DeliveryHarness(KafkaBroker kafka, TestDatabase database, Path workDir) {
        this.kafka = kafka;
        this.database = database;
        this.workDir = workDir;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(), new StringSerializer());
    }

    static DeliveryHarness start(String name) throws IOException {
        Path workDir = LocalCluster.repositoryRoot().resolve("deploy/e2e/target/" + name + "-" + UUID.randomUUID());
        Files.createDirectories(workDir);
        KafkaBroker kafka = KafkaBroker.start();
        kafka.createTopics(List.of("delivery.requests:" + REQUEST_PARTITIONS, "delivery.outcomes:12",
                "campaign.control:3:compact", "contacts.suppressions:6:compact"));
        return new DeliveryHarness(kafka, TestDatabase.create(), workDir);
    }

    /**
     * Starts a pod against this harness's broker and database and the given SMTP peer, and waits until it is
     * ready; {@code extra} overrides or adds environment variables (e.g. the datasource through a proxy).
     */
    ServiceProcess startPod(String smtpHost, int smtpPort, Map<String, String> extra) {
        ServiceProcess pod = ServiceEnvironment.of(database, kafka, workDir).mailer(smtpHost, smtpPort)
                .with("TIDINGS_PUBLIC_BASE_URL", "https://tidings.test")
                // a dead pod's claims settle soon after its sends' deadline
                .with("TIDINGS_DELIVERY_SEND_TIMEOUT", "10s")
                .with("TIDINGS_DELIVERY_CLAIM_LEASE", "15s")
                .with("TIDINGS_RETRY_EVERY", "1s")
                .withAll(extra)
                .start(LocalCluster.repositoryRoot(), MODULE, FreePorts.next(), "256m");
        pods.add(pod);
        return pod.awaitReady(Duration.ofSeconds(90));
    }

    /** Stops every pod started so far (SIGTERM, then SIGKILL), keeping the broker and the database. */
    void stopPods() {
        pods.forEach(ServiceProcess::close);
        pods.clear();
    }

    /** A {@code campaign.control} record in state SENDING whose sender has this rate per second and burst. */
    void publishControl(UUID project, UUID campaign, int rate, int burst) {
        ObjectNode control = fixture("campaign.control/v1.json");
        control.put("eventId", UUID.randomUUID().toString());
        control.put("projectId", project.toString());
        control.put("campaignId", campaign.toString());
        ObjectNode sender = (ObjectNode) control.get("sender");
        sender.put("id", UUID.randomUUID().toString());
        ObjectNode limit = sender.putObject("rate");
        limit.put("limit", rate);
        limit.put("per", "PT1S");
        limit.put("burst", burst);
        send("campaign.control", campaign.toString(), control.toString());
    }

    /** Publishes one request per recipient; returns each recipient's (lower-case) address, in order. */
    Map<UUID, String> publishRequests(UUID project, UUID campaign, int count, String name) {
        ObjectNode template = fixture("delivery.requests/v1.json");
        Map<UUID, String> recipients = new LinkedHashMap<>();
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
            recipients.put(recipient, address);
        }
        producer.flush();
        return recipients;
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Ledger rows of the campaign matching an SQL condition. */
    int ledgerCount(UUID campaign, String condition) {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM delivery.ledger WHERE campaign_id = '"
                        + campaign + "' AND " + condition)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every outcome status published so far for these recipients, oldest first per recipient. */
    Map<UUID, List<String>> outcomes(Iterable<UUID> recipients) {
        Map<UUID, List<String>> statuses = new HashMap<>();
        outcomeRecords(recipients).forEach((recipient, outcomes) -> statuses.put(recipient,
                outcomes.stream().map(o -> o.get("status").asText()).toList()));
        return statuses;
    }

    /** The SMTP reply (or reason) of every outcome of this status for these recipients, to explain a failure. */
    List<String> replies(Iterable<UUID> recipients, String status) {
        return outcomeRecords(recipients).values().stream().flatMap(List::stream)
                .filter(o -> status.equals(o.get("status").asText()))
                .map(o -> o.path("smtpReply").asText()).toList();
    }

    private Map<UUID, List<com.fasterxml.jackson.databind.JsonNode>> outcomeRecords(Iterable<UUID> recipients) {
        Map<UUID, List<com.fasterxml.jackson.databind.JsonNode>> found = new HashMap<>();
        recipients.forEach(r -> found.put(r, new ArrayList<>()));
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
                    List<com.fasterxml.jackson.databind.JsonNode> outcomes = found.get(UUID.fromString(record.key()));
                    if (outcomes != null) {
                        outcomes.add(parse(record.value()));
                    }
                });
            }
        }
        return found;
    }

    /** The last outcome of each recipient that has one that is not DEFERRED or PAUSED. */
    Map<UUID, String> terminalOutcomes(Iterable<UUID> recipients) {
        Map<UUID, String> terminal = new HashMap<>();
        outcomes(recipients).forEach((recipient, statuses) -> statuses.stream()
                .filter(s -> !s.equals("DEFERRED") && !s.equals("PAUSED"))
                .reduce((first, second) -> second)
                .ifPresent(s -> terminal.put(recipient, s)));
        return terminal;
    }

    private static ObjectNode fixture(String path) {
        try {
            return (ObjectNode) JSON.readTree(Contracts.fixture(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every pod still running (SIGTERM, then SIGKILL), then the broker and the database. */
    @Override
    public void close() {
        stopPods();
        producer.close();
        kafka.close();
        database.drop();
    }
}
