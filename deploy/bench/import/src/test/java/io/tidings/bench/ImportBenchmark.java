package io.tidings.bench;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.tidings.testing.FreePorts;
import io.tidings.testing.KafkaBroker;
import io.tidings.testing.Load;
import io.tidings.testing.LocalCluster;
import io.tidings.testing.ServiceEnvironment;
import io.tidings.testing.ServiceProcess;
import io.tidings.testing.TestDatabase;
import io.tidings.testing.TestTokens;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The import benchmark: a generated file of {@code bench.rows} rows (default 1,000,000; about 5% to repair, 1% to
 * reject, 2% duplicates) imported through the HTTP API of the packaged contacts-service at -Xmx256m, and in the same
 * run the yardstick: psql {@code \copy} of the clean rows into a table with the contacts table's definition and
 * indexes ({@code LIKE contacts.contact INCLUDING ALL}). Prints the ratio, rows/s and the peak heap used.
 */
class ImportBenchmark {
    @Test
    void importVersusCopy() throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        Path root = LocalCluster.repositoryRoot();
        Path work = root.resolve("deploy/bench/import/target/run-" + UUID.randomUUID());
        Files.createDirectories(work);
        String project = TestTokens.newProjectId();
        Path csv = work.resolve("contacts.csv");
        Path clean = work.resolve("clean.csv");
        long cleanRows = generate(rows, project, csv, clean);
        report("generated %,d rows (%,d bytes), %,d clean rows for \\copy", rows, Files.size(csv), cleanRows);
        report("load before: %s", Load.uptime());

        try (KafkaBroker kafka = KafkaBroker.start()) {
            TestDatabase database = TestDatabase.create();
            ServiceEnvironment env = ServiceEnvironment.of(database, kafka, work)
                    .withAll(System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("TIDINGS_IMPORT_"))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            try (ServiceProcess service = env.start(root, "contacts-service", FreePorts.next(), "256m")) {
                service.awaitReady(Duration.ofSeconds(90));
                try (Connection db = database.connect(); Statement statement = db.createStatement()) {
                    statement.execute("CREATE TABLE contacts.contact_copy (LIKE contacts.contact INCLUDING ALL)");
                }
                // the yardstick runs before and after the import; the faster of the two counts
                double copyBefore = copy(database, clean);
                report("\\copy before the import: %,d rows in %.2f s = %,.0f rows/s", cleanRows, copyBefore,
                        cleanRows / copyBefore);
                try (Connection db = database.connect(); Statement statement = db.createStatement()) {
                    statement.execute("TRUNCATE contacts.contact_copy");
                    statement.execute("CHECKPOINT");
                }
                report("load before import: %s", Load.uptime());

                HeapSampler heap = new HeapSampler(service.pid());
                heap.start();
                long started = System.nanoTime();
                JsonPath job = given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.project(project))
                        .contentType("text/csv").body(csv.toFile())
                        .post("/api/v1/contacts/imports?wait=true")
                        .then().statusCode(200).extract().jsonPath();
                double importSeconds = (System.nanoTime() - started) / 1e9;
                heap.finish();
                report("import: %s in %.2f s = %,.0f rows/s; rows %s; peak heap used %,d MiB (of -Xmx256m; %d samples)",
                        job.getString("state"), importSeconds, rows / importSeconds, job.getMap("rows"),
                        heap.peakKib.get() / 1024, heap.samples.get());
                report("load after import: %s", Load.uptime());
                if (job.getLong("rows.created") != cleanRows || job.getLong("rows.read") != rows) {
                    throw new IllegalStateException("the import did not store exactly the clean rows: " + job.getMap("rows"));
                }

                try (Connection db = database.connect(); Statement statement = db.createStatement()) {
                    statement.execute("TRUNCATE contacts.contact_copy");
                    statement.execute("CHECKPOINT");
                }
                double copyAfter = copy(database, clean);
                report("\\copy after the import: %,d rows in %.2f s = %,.0f rows/s", cleanRows, copyAfter,
                        cleanRows / copyAfter);
                double copySeconds = Math.min(copyBefore, copyAfter);
                report("RATIO import / \\copy = %.2f (goal <= 2.0; against the faster \\copy)", importSeconds / copySeconds);
                report("load after copy: %s", Load.uptime());
            } finally {
                database.drop();
            }
        }
    }

    private static double copy(TestDatabase database, Path clean) throws Exception {
        long started = System.nanoTime();
        database.copy("contacts.contact_copy (id, project_id, email, normalized_email, first_name, last_name, fields,"
                + " tags)", clean);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Writes the messy file and the clean rows (what the import should store) as CSV for \copy. */
    static long generate(int rows, String project, Path csv, Path clean) throws Exception {
        Random random = new Random(42);
        List<String> earlier = new ArrayList<>();
        long cleanRows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             BufferedWriter copy = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
            out.write("email,first_name,last_name,city\n");
            for (int i = 0; i < rows; i++) {
                int kind = random.nextInt(100);
                String first = "First" + (i % 977);
                String last = "Last" + (i % 661);
                String city = "City" + (i % 89);
                if (kind < 1) {
                    out.write("broken" + i + ".example.org," + first + "," + last + "," + city + "\n");
                } else if (kind < 3 && !earlier.isEmpty()) {
                    out.write(earlier.get(random.nextInt(earlier.size())) + "," + first + "," + last + "," + city + "\n");
                } else {
                    String address = "person" + i + "@example" + (i % 50) + ".org";
                    if (earlier.size() < 10_000) {
                        earlier.add(address);
                    }
                    String cell = kind < 8 ? repaired(kind, address, first, last) : address;
                    out.write(cell + "," + first + "," + last + "," + city + "\n");
                    copy.write(UUID.randomUUID() + "," + project + "," + address + "," + address + "," + first + ","
                            + last + ",\"{\"\"city\"\": \"\"" + city + "\"\"}\",{}\n");
                    cleanRows++;
                }
            }
        }
        return cleanRows;
    }

    private static String repaired(int kind, String address, String first, String last) {
        return switch (kind % 5) {
            case 0 -> "\"" + first + " " + last + " <" + address + ">\"";
            case 1 -> " " + address + " ";
            case 2 -> "mailto:" + address;
            case 3 -> address + ".";
            default -> address.replace("example", "EXAMPLE");
        };
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
    }

    /**
     * Samples the heap used (survivors + eden + old, KiB) of a JVM every 250 ms with one long-running
     * {@code jstat -gc <pid> 250}: cheap, unlike a {@code jcmd} process per sample.
     */
    static final class HeapSampler extends Thread {
        final AtomicLong peakKib = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final long pid;
        private volatile Process jstat;

        HeapSampler(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        /** Stops sampling (ends jstat, whose output the sampler is blocked on) and waits for the sampler. */
        void finish() throws InterruptedException {
            if (jstat != null) {
                jstat.destroy();
            }
            join(5_000);
        }

        @Override
        public void run() {
            try {
                jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "250").start();
                var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream()));
                List<String> header = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    List<String> cells = List.of(line.trim().split("\\s+"));
                    if (cells.contains("EU")) {
                        header = cells;
                        continue;
                    }
                    if (header == null || cells.size() != header.size()) {
                        continue;
                    }
                    double used = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(cells.get(header.indexOf(column)));
                    }
                    peakKib.accumulateAndGet((long) used, Math::max);
                    samples.incrementAndGet();
                }
            } catch (Exception e) {
                // the process is gone; stop sampling
            } finally {
                if (jstat != null) {
                    jstat.destroy();
                }
            }
        }
    }
}
