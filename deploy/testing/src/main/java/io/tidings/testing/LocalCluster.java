package io.tidings.testing;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

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
    private final Path tokenKey;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, ServiceProcess> services = new HashMap<>();

    private LocalCluster(Path root, Path workDir) {
        this.root = root;
        this.workDir = workDir;
        this.kafka = KafkaBroker.start();
        this.database = TestDatabase.create();
        this.smtp = SmtpResource.startServer();
        this.tokenKey = copyTokenKey(workDir);
        for (String module : List.of("contacts-service", "campaign-service", "delivery-service", "gateway")) {
            ports.put(module, FreePorts.next());
        }
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
        Map<String, String> env = environment();
        env.putAll(extraEnvironment);
        ServiceProcess process = ServiceProcess.start(root, module, ports.get(module), env,
                workDir.resolve("logs"), "256m");
        services.put(module, process);
        return process;
    }

    public void awaitReady(Duration timeout) {
        for (ServiceProcess service : new ArrayList<>(services.values())) {
            Awaitility.await(service.name() + " ready (log: " + service.log() + ")")
                    .atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(service::isReady);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TIDINGS_TOKEN_KEY_LOCATION", tokenKey.toString());
        env.put("TIDINGS_UNSUBSCRIBE_KEY_LOCATION", unsubscribeKey().toString());
        env.put("TIDINGS_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("TIDINGS_CONTACTS_URL", "http://127.0.0.1:" + ports.get("contacts-service"));
        env.put("TIDINGS_CAMPAIGNS_URL", "http://127.0.0.1:" + ports.get("campaign-service"));
        env.put("TIDINGS_PUBLIC_BASE_URL", gatewayUrl());
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return env;
    }

    private static Path copyTokenKey(Path workDir) {
        try (InputStream in = LocalCluster.class.getClassLoader().getResourceAsStream(TestTokens.KEY_LOCATION)) {
            Files.createDirectories(workDir);
            Path key = workDir.resolve("token-key.jwk");
            Files.write(key, in.readAllBytes());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unsubscribe-link key (the test key) as a file, as delivery-service and contacts-service read it. */
    private Path unsubscribeKey() {
        Path key = workDir.resolve("unsubscribe.key");
        if (!Files.exists(key)) {
            try (InputStream in = LocalCluster.class.getClassLoader().getResourceAsStream("tidings-test-unsubscribe.key")) {
                Files.createDirectories(workDir);
                Files.write(key, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return key;
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
