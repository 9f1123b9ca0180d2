package io.tidings.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One packaged Tidings service running as a child process ({@code java -jar quarkus-run.jar}), stopped by its PID. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code module/target/quarkus-app/quarkus-run.jar} with the given environment on the given port. */
    public static ServiceProcess start(Path root, String module, int port, Map<String, String> env, Path logDir,
            String heap) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + "-" + port + ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
            // the service's own pod settings, when it has them (they may set the heap too: they come later)
            Path options = LocalCluster.repositoryRoot().resolve("deploy/jvm").resolve(module + ".options");
            if (Files.isRegularFile(options)) {
                command.add("@" + options);
            }
            // extra JVM options for every service a run starts, e.g. a profiler or Native Memory Tracking in a
            // benchmark: -Dtidings.service.jvm-options="-XX:NativeMemoryTracking=summary"
            String extra = System.getProperty("tidings.service.jvm-options", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // glibc's malloc arenas per thread hold memory nothing uses (deploy/jvm/*.options)
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            return new ServiceProcess(module, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@code /q/health/ready} answers 200. */
    public boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log: " + log);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until {@link #isReady}; fails, naming the log, if the service exits or is not ready in time. */
    public ServiceProcess awaitReady(Duration timeout) {
        Awaitility.await(name + " ready (log: " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(this::isReady);
        return this;
    }

    /** SIGKILL: the process gets no chance to clean up, as when a pod is killed. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for a graceful exit; SIGKILL only if it does not come within the timeout. */
    public void stop(Duration timeout) {
        process.destroy();
        if (!waitForExit(timeout)) {
            kill();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }
}
