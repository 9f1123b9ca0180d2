package io.tidings.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tidings.testing.FreePorts;
import io.tidings.testing.KafkaBroker;
import io.tidings.testing.ServiceEnvironment;
import io.tidings.testing.ServiceProcess;
import io.tidings.testing.TestDatabase;
import io.tidings.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * contacts-service as a process (the packaged jar, real Kafka and PostgreSQL), SIGKILLed at the worst moments: an
 * import killed mid-file is reported FAILED with counts that match exactly what was written, and a re-run finishes
 * it; suppression changes committed but not yet published when the pod dies reach contacts.suppressions after the
 * restart (the outbox); and two pods relaying at once never leave a key's last record different from the database.
 */
class ContactsReliabilityIT {
    private static final String MODULE = "contacts-service";
    /** SuppressionRelay.RELAY_LOCK: holding it from the test keeps every pod from relaying. */
    private static final long RELAY_LOCK = 0x74696469_6E677351L;
    private static KafkaBroker kafka;
    private static TestDatabase database;
    private static Path workDir;
    private static ServiceEnvironment env;
    private final List<ServiceProcess> pods = new ArrayList<>();

    @BeforeAll
    static void infrastructure() throws Exception {
        Path root = io.tidings.testing.LocalCluster.repositoryRoot();
        workDir = root.resolve("deploy/e2e/target/contacts-reliability-" + UUID.randomUUID());
        Files.createDirectories(workDir);
        kafka = KafkaBroker.start();
        database = TestDatabase.create();
        env = ServiceEnvironment.of(database, kafka, workDir)
                .with("TIDINGS_IMPORT_STALL_TIMEOUT", "3S")
                .with("TIDINGS_IMPORT_BATCH_SIZE", "1000");
    }

    @AfterAll
    static void stopInfrastructure() {
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
    }

    @Test
    void importKilledMidFileIsReportedFailedWithTrueCountsAndARerunCompletesIt() throws Exception {
        ServiceProcess pod = startPod(FreePorts.next());
        String project = TestTokens.newProjectId();
        int total = 200_000;
        byte[] csv = contacts("killed", total);
        String jobId = api(pod, project).contentType("text/csv").body(csv).post("/api/v1/contacts/imports")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> api(pod, project).get("/api/v1/contacts/imports/" + jobId).jsonPath().getInt("rows.read") > 0);
        pod.kill();

        ServiceProcess restarted = startPod(pod.port());
        JsonPath job = await().atMost(Duration.ofSeconds(30)).until(
                () -> api(restarted, project).get("/api/v1/contacts/imports/" + jobId).jsonPath(),
                j -> "FAILED".equals(j.getString("state")));
        int created = job.getInt("rows.created");
        assertThat(job.getInt("rows.read")).isBetween(1, total - 1);
        assertThat(job.getInt("rows.read")).isEqualTo(created); // a clean file: every row read was created
        assertThat(job.getString("failure")).isNotBlank();
        assertThat(contactsInDatabase(project)).isEqualTo(created); // every batch commits with its counters

        JsonPath rerun = api(restarted, project).contentType("text/csv").body(csv)
                .post("/api/v1/contacts/imports?wait=true").then().statusCode(200).extract().jsonPath();
        assertThat(rerun.getString("state")).isEqualTo("COMPLETED");
        assertThat(rerun.getInt("rows.created")).isEqualTo(total - created);
        assertThat(rerun.getInt("rows.unchanged")).isEqualTo(created);
        assertThat(contactsInDatabase(project)).isEqualTo(total);
    }

    @Test
    void changesCommittedButUnpublishedWhenThePodDiesArePublishedAfterTheRestart() throws Exception {
        ServiceProcess pod = startPod(FreePorts.next());
        String project = TestTokens.newProjectId();
        int count = 100;
        api(pod, project).contentType("text/csv").body(contacts("outbox", count))
                .post("/api/v1/contacts/imports?wait=true").then().statusCode(200);
        List<String> ids = contactIds(pod, project);
        assertThat(ids).hasSize(count);
        try (Connection lock = database.connect(); Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + RELAY_LOCK + ")"); // no pod can relay now
            for (String id : ids) {
                api(pod, project).contentType(ContentType.JSON).body(Map.of("status", "UNSUBSCRIBED"))
                        .patch("/api/v1/contacts/" + id).then().statusCode(200);
            }
            assertThat(lastRecords(project)).isEmpty();
            pod.kill();
            statement.execute("SELECT pg_advisory_unlock(" + RELAY_LOCK + ")");
        }
        startPod(pod.port());

        Map<String, JsonNode> last = await().atMost(Duration.ofSeconds(60)).until(() -> lastRecords(project),
                records -> records.size() == count);
        assertThat(last.values()).allSatisfy(event -> {
            assertThat(event.get("suppressed").asBoolean()).isTrue();
            assertThat(event.get("reason").asText()).isEqualTo("UNSUBSCRIBED");
        });
    }

    @Test
    void twoPodsTogglingStatusesLeaveEveryKeysLastRecordEqualToTheDatabase() throws Exception {
        ServiceProcess first = startPod(FreePorts.next());
        ServiceProcess second = startPod(FreePorts.next());
        String project = TestTokens.newProjectId();
        int count = 40;
        api(first, project).contentType("text/csv").body(contacts("toggle", count))
                .post("/api/v1/contacts/imports?wait=true").then().statusCode(200);
        List<String> ids = contactIds(first, project);
        String[] statuses = {"UNSUBSCRIBED", "SUBSCRIBED", "BOUNCED", "SUBSCRIBED", "COMPLAINED"};
        for (int round = 0; round < statuses.length; round++) {
            for (int i = 0; i < ids.size(); i++) {
                ServiceProcess pod = (i + round) % 2 == 0 ? first : second;
                String status = (i % 2 == 0 || round < 4) ? statuses[round] : "SUBSCRIBED";
                api(pod, project).contentType(ContentType.JSON).body(Map.of("status", status))
                        .patch("/api/v1/contacts/" + ids.get(i)).then().statusCode(200);
            }
        }
        Map<String, String> expected = new HashMap<>();
        try (Connection db = database.connect(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT normalized_email, status FROM contacts.contact"
                     + " WHERE project_id = '" + project + "'")) {
            while (rows.next()) {
                expected.put(project + ":" + rows.getString(1), rows.getString(2));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, JsonNode> last = lastRecords(project);
            assertThat(last).hasSize(count);
            expected.forEach((key, status) -> {
                JsonNode event = last.get(key);
                assertThat(event.get("suppressed").asBoolean()).as(key).isEqualTo(!"SUBSCRIBED".equals(status));
                if (!"SUBSCRIBED".equals(status)) {
                    assertThat(event.get("reason").asText()).as(key).isEqualTo(status);
                }
            });
        });
    }

    private ServiceProcess startPod(int port) {
        ServiceProcess pod = env.start(io.tidings.testing.LocalCluster.repositoryRoot(), MODULE, port, "256m");
        pods.add(pod);
        return pod.awaitReady(Duration.ofSeconds(90));
    }

    private static RequestSpecification api(ServiceProcess pod, String project) {
        return given().baseUri(pod.baseUrl()).auth().oauth2(TestTokens.project(project));
    }

    private static byte[] contacts(String prefix, int count) {
        StringBuilder csv = new StringBuilder(count * 40).append("email,first_name,last_name\n");
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(i).append("@example.org,First").append(i).append(",Last\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> contactIds(ServiceProcess pod, String project) {
        List<String> ids = new ArrayList<>();
        String after = "";
        while (after != null) {
            JsonPath page = api(pod, project).queryParam("limit", 1000).queryParam("after", after)
                    .get("/api/v1/contacts").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
        }
        return ids;
    }

    private static long contactsInDatabase(String project) throws Exception {
        try (Connection db = database.connect(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM contacts.contact WHERE project_id = '"
                     + project + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The last value of every key of this project on contacts.suppressions, read from the beginning. */
    private static Map<String, JsonNode> lastRecords(String project) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> last = new HashMap<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("contacts.suppressions", Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(project + ":") && record.value() != null) {
                        last.put(record.key(), json.readTree(record.value()));
                    }
                }
            }
        }
        return last;
    }
}
