package io.tidings.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a packaged service is configured with in tests and benchmarks, as in production: the
 * datasource, the broker, the test token and unsubscribe keys (copied from the class path into a work folder as the
 * files the services read), and, where a service needs them, the mailer and the other services' addresses. One
 * place for what every e2e test, LocalCluster and benchmark would otherwise spell out again.
 */
public final class ServiceEnvironment {
    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();

    private ServiceEnvironment(Path workDir) {
        this.workDir = workDir;
    }

    /** What every service takes: this database and broker, and the test keys as files under {@code workDir}. */
    public static ServiceEnvironment of(TestDatabase database, KafkaBroker kafka, Path workDir) {
        ServiceEnvironment environment = new ServiceEnvironment(workDir);
        return environment.database(database.jdbcUrl(), database.reactiveUrl(), database.user())
                .with("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .with("TIDINGS_TOKEN_KEY_LOCATION", environment.resourceFile(TestTokens.KEY_LOCATION).toString())
                .with("TIDINGS_UNSUBSCRIBE_KEY_LOCATION",
                        environment.resourceFile("tidings-test-unsubscribe.key").toString());
    }

    /** The datasource at these URLs (e.g. through a proxy in front of the test database). */
    public ServiceEnvironment database(String jdbcUrl, String reactiveUrl, String user) {
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        return this;
    }

    /** Plain SMTP (no TLS, no STARTTLS) to this server. */
    public ServiceEnvironment mailer(String host, int port) {
        env.put("QUARKUS_MAILER_HOST", host);
        env.put("QUARKUS_MAILER_PORT", String.valueOf(port));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return this;
    }

    /**
     * What the services need to reach each other: contacts-service and campaign-service on these ports, the gateway
     * (the public base URL) on its port, and the admin token the gateway accepts.
     */
    public ServiceEnvironment cluster(Map<String, Integer> ports, String adminToken) {
        env.put("TIDINGS_ADMIN_TOKEN", adminToken);
        env.put("TIDINGS_CONTACTS_URL", "http://127.0.0.1:" + ports.get("contacts-service"));
        env.put("TIDINGS_CAMPAIGNS_URL", "http://127.0.0.1:" + ports.get("campaign-service"));
        env.put("TIDINGS_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.get("gateway"));
        return this;
    }

    /** Sets (or overrides) one variable. */
    public ServiceEnvironment with(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Sets (or overrides) these variables. */
    public ServiceEnvironment withAll(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** A copy of the variables as they stand. */
    public Map<String, String> toMap() {
        return new LinkedHashMap<>(env);
    }

    /**
     * Starts {@code root/module}'s packaged jar with this environment on {@code port}, logging under
     * {@code workDir/logs}; the caller keeps it (to stop it) before it waits with {@link ServiceProcess#awaitReady}.
     */
    public ServiceProcess start(Path root, String module, int port, String heap) {
        return ServiceProcess.start(root, module, port, env, workDir.resolve("logs"), heap);
    }

    /** A class-path resource (from tidings-testing) copied to a file of the same name in the work folder, once. */
    private Path resourceFile(String name) {
        Path file = workDir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream in = ServiceEnvironment.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path (tidings-testing)");
            }
            Files.createDirectories(workDir);
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
