package io.tidings.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.tidings.testing.FreePorts;
import io.tidings.testing.KafkaBroker;
import io.tidings.testing.Load;
import io.tidings.testing.LocalCluster;
import io.tidings.testing.ServiceEnvironment;
import io.tidings.testing.ServiceProcess;
import io.tidings.testing.TestDatabase;
import io.tidings.testing.TestTokens;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.tools.ProducerPerformance;
import org.junit.jupiter.api.Test;

/**
 * The expansion benchmark: the packaged campaign-service (-Xmx256m) expands a segment of {@code bench.members}
 * members (default 1,000,000), served page by page by an in-process stand-in for contacts-service, into recipient
 * rows and delivery.requests events; timed from the send call until every recipient is QUEUED (its row written,
 * its event acknowledged by Kafka). In the same run, one after another on a warmed broker, the yardsticks: Kafka's
 * own ProducerPerformance for as many records of the measured event size (12 partitions, acks=all), and psql
 * {@code \copy} of as many rows into a table like campaigns.mailing_recipient (same constraints and indexes).
 */
class ExpansionBenchmark {
    private static final long CONTACT_HIGH = 0x0000000000004000L;

    @Test
    void expansionVersusProducerPerformanceAndCopy() throws Exception {
        int members = Integer.getInteger("bench.members", 1_000_000);
        Path root = LocalCluster.repositoryRoot();
        Path work = root.resolve("deploy/bench/expansion/target/run-" + UUID.randomUUID());
        Files.createDirectories(work);
        String project = TestTokens.newProjectId();
        UUID segment = UUID.randomUUID();
        report("load before: %s", Load.uptime());

        HttpServer contacts = membersServer(segment, members);
        try (KafkaBroker kafka = KafkaBroker.start()) {
            TestDatabase database = TestDatabase.create();
            kafka.createTopics(List.of("bench.warmup:12", "bench.yardstick:12"));
            report("warming the broker: %s", producerPerformance(kafka, "bench.warmup", members / 2, 300));
            ServiceEnvironment env = ServiceEnvironment.of(database, kafka, work)
                    .with("TIDINGS_CONTACTS_URL", "http://127.0.0.1:" + contacts.getAddress().getPort())
                    .with("TIDINGS_EXPANSION_PAGE_SIZE", "5000")
                    .with("TIDINGS_PUBLISHER_BATCH_SIZE", System.getProperty("bench.publisher-batch", "5000"));
            // -Dbench.app-root: a folder holding campaign-service/target/quarkus-app (a copy, so a rebuild cannot touch it)
            Path apps = Path.of(System.getProperty("bench.app-root", root.toString()));
            try (ServiceProcess service = env.start(apps, "campaign-service", FreePorts.next(), "256m")) {
                service.awaitReady(Duration.ofSeconds(90));
                String campaign = campaign(service, project, segment);

                long started = System.nanoTime();
                given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.project(project))
                        .post("/api/v1/campaigns/" + campaign + "/send").then().statusCode(202);
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> queued(service, project, campaign) == members);
                double expansion = (System.nanoTime() - started) / 1e9;
                report("expansion: %,d rows + events in %.2f s = %,.0f recipients/s", members, expansion,
                        members / expansion);
                report("load after expansion: %s", Load.uptime());

                int size = averageEventSize(kafka);
                long t = System.nanoTime();
                String perf = producerPerformance(kafka, "bench.yardstick", members, size);
                double producer = (System.nanoTime() - t) / 1e9;
                report("ProducerPerformance: %,d records of %d bytes in %.2f s = %,.0f records/s (%s)", members, size,
                        producer, members / producer, perf);

                Path rows = work.resolve("recipients.csv");
                writeRows(rows, project, members);
                try (Connection db = database.connect(); Statement statement = db.createStatement()) {
                    statement.execute("CREATE TABLE campaigns.recipient_copy (LIKE campaigns.mailing_recipient "
                            + "INCLUDING ALL)");
                }
                t = System.nanoTime();
                database.copy("campaigns.recipient_copy (id, project_id, campaign_id, contact_id, email, "
                        + "normalized_email, first_name, last_name, fields)", rows);
                double copied = (System.nanoTime() - t) / 1e9;
                report("\\copy: %,d rows in %.2f s = %,.0f rows/s", members, copied, members / copied);
                report("RATIO expansion / (ProducerPerformance + \\copy) = %.2f / (%.2f + %.2f) = %.2f (goal <= 2.0)",
                        expansion, producer, copied, expansion / (producer + copied));
                report("load after: %s", Load.uptime());
            } finally {
                database.drop();
            }
        } finally {
            contacts.stop(0);
        }
    }

    private static String campaign(ServiceProcess service, String project, UUID segment) {
        String sender = given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.project(project))
                .contentType(ContentType.JSON).body(Map.of("name", "Bench", "fromEmail", "news@tidings.test",
                        "rate", Map.of("limit", 1000, "per", "PT1S")))
                .post("/api/v1/senders").then().statusCode(201).extract().path("id");
        return given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.project(project))
                .contentType(ContentType.JSON).body(Map.of("name", "Bench", "senderId", sender,
                        "segmentId", segment.toString(), "subject", "Hello {contact.firstName}",
                        "textBody", "Dear {contact.firstName} {contact.lastName}"))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private static long queued(ServiceProcess service, String project, String campaign) {
        return given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.project(project))
                .get("/api/v1/campaigns/" + campaign).then().statusCode(200).extract().jsonPath()
                .getLong("counts.queued");
    }

    /** The mean value size of 1,000 delivery.requests events the expansion wrote. */
    private static int averageEventSize(KafkaBroker kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("delivery.requests"));
            long bytes = 0;
            int seen = 0;
            while (seen < 1000) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.value().getBytes(StandardCharsets.UTF_8).length;
                    seen++;
                }
            }
            return (int) (bytes / seen);
        }
    }

    private static String producerPerformance(KafkaBroker kafka, String topic, int records, int size) throws Exception {
        ProducerPerformance.main(new String[] {"--topic", topic, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(size), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all"});
        return "topic " + topic;
    }

    /** The rows \copy writes: the same columns and about the same content as the expansion's. */
    private static void writeRows(Path file, String project, int members) throws Exception {
        UUID campaign = UUID.randomUUID();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < members; i++) {
                String email = email(i);
                out.write(UUID.randomUUID() + "," + project + "," + campaign + "," + contact(i) + "," + email + ","
                        + email + ",First" + (i % 977) + ",Last" + (i % 661) + ",\"{\"\"city\"\":\"\"City" + (i % 89)
                        + "\"\"}\"\n");
            }
        }
    }

    private static UUID contact(long index) {
        return new UUID(CONTACT_HIGH, 0x8000000000000000L | index);
    }

    private static String email(int index) {
        return "person" + index + "@example" + (index % 50) + ".org";
    }

    /** contacts-service's internal segment API for one segment of generated members, in contact id order. */
    private static HttpServer membersServer(UUID segment, int members) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/internal/segments/" + segment, exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!path.endsWith("/members")) {
                    send(exchange, "{\"id\":\"" + segment + "\",\"name\":\"bench\",\"filter\":{},\"memberCount\":"
                            + members + "}");
                    return;
                }
                Map<String, String> query = new HashMap<>();
                String raw = exchange.getRequestURI().getRawQuery();
                for (String pair : raw == null ? new String[0] : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                String after = query.getOrDefault("after", "");
                int from = after.isEmpty() ? 0 : (int) (UUID.fromString(after).getLeastSignificantBits()
                        & 0x7FFFFFFFFFFFFFFFL) + 1;
                int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
                int to = Math.min(members, from + limit);
                StringBuilder body = new StringBuilder(limit * 200).append("{\"items\":[");
                for (int i = from; i < to; i++) {
                    String email = email(i);
                    body.append(i > from ? "," : "").append("{\"contactId\":\"").append(contact(i))
                            .append("\",\"email\":\"").append(email).append("\",\"normalizedEmail\":\"").append(email)
                            .append("\",\"firstName\":\"First").append(i % 977).append("\",\"lastName\":\"Last")
                            .append(i % 661).append("\",\"fields\":{\"city\":\"City").append(i % 89).append("\"}}");
                }
                body.append("],\"next\":").append(to - from == limit && to < members ? "\"" + contact(to - 1) + "\"" : "null")
                        .append('}');
                send(exchange, body.toString());
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
    }
}
