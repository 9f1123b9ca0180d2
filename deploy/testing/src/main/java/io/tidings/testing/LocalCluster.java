package io.tidings.testing;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system for end-to-end tests: a real Kafka broker, a fresh PostgreSQL database and a real SMTP server
 * in this JVM, and the four packaged services as child processes on free ports, configured as in production
 * through environment variables.
 */
public final class LocalCluster implements AutoCloseable {
    public static final String ADMIN_TOKEN = "e2e-admin-" + UUID.randomUUID();

    private final Path root;
    private final Path workDir;
    private final KafkaBroker kafka;
    private final TestDatabase database;
    private final GreenMail smtp;
    private final Map<String, Integer> ports = new HashMap<>();
    private final ServiceEnvironment environment;
    private final Map<String, ServiceProcess> services = new HashMap<>();

    private LocalCluster(Path root, Path workDir) {
        this.root = root;
        this.workDir = workDir;
        this.kafka = KafkaBroker.start();
        this.database = TestDatabase.create();
        this.smtp = SmtpResource.startServer();
        for (String module : List.of("contacts-service", "campaign-service", "delivery-service", "gateway")) {
            ports.put(module, FreePorts.next());
        }
        this.environment = ServiceEnvironment.of(database, kafka, workDir).cluster(ports, ADMIN_TOKEN)
                .mailer("127.0.0.1", smtp.getSmtp().getPort());
    }

    /** Starts infrastructure and all four services, and waits until each is ready. */
    public static LocalCluster start(Path root, Path workDir) {
        LocalCluster cluster = new LocalCluster(root, workDir);
        try {
            for (String module : List.of("contacts-service", "campaign-service", "delivery-service", "gateway")) {
                cluster.startService(module);
            }
            cluster.awaitReady(Duration.ofMinutes(2));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The repository root: the {@code tidings.root} system property, else the nearest folder with deploy/. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("tidings.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/contracts"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root; set -Dtidings.root");
        }
        return dir;
    }

    /** Starts (or restarts after a kill) one service with the cluster's configuration. */
    public ServiceProcess startService(String module) {
        return startService(module, Map.of());
    }

    /**
     * Starts (or restarts after a kill) one service with the cluster's configuration plus these extra environment
     * variables (e.g. a smaller page size, so a test can interrupt work that is otherwise too quick).
     */
    public ServiceProcess startService(String module, Map<String, String> extraEnvironment) {
        Map<String, String> env = environment.toMap();
        env.putAll(extraEnvironment);
        ServiceProcess process = ServiceProcess.start(root, module, ports.get(module), env,
                workDir.resolve("logs"), "256m");
        services.put(module, process);
        return process;
    }

    public void awaitReady(Duration timeout) {
        for (ServiceProcess service : new ArrayList<>(services.values())) {
            service.awaitReady(timeout);
        }
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public ServiceProcess service(String module) {
        return services.get(module);
    }

    public GreenMail smtp() {
        return smtp;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        smtp.stop();
        kafka.close();
        database.drop();
    }
}
