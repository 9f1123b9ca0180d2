package io.tidings.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test run: created on the machine's server when one answers
 * (TIDINGS_TEST_PG_HOST/PORT/USER, default 127.0.0.1:5432 postgres), else on an embedded real PostgreSQL
 * started once per JVM on a free port. {@link #drop()} removes it again.
 */
public final class TestDatabase {
    private static EmbeddedPostgres embedded;

    private final String host;
    private final int port;
    private final String user;
    private final String name;

    private TestDatabase(String host, int port, String user, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.name = name;
    }

    public static TestDatabase create() {
        String host = env("TIDINGS_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TIDINGS_TEST_PG_PORT", "5432"));
        String user = env("TIDINGS_TEST_PG_USER", "postgres");
        if (!"embedded".equals(System.getenv("TIDINGS_TEST_PG")) && answers(host, port)) {
            return createOn(host, port, user);
        }
        return createOn("127.0.0.1", embeddedPort(), "postgres");
    }

    private static TestDatabase createOn(String host, int port, String user) {
        String name = "tidings_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        TestDatabase db = new TestDatabase(host, port, user, name);
        db.adminExecute("CREATE DATABASE " + name);
        return db;
    }

    private static synchronized int embeddedPort() {
        if (embedded == null) {
            try {
                Path dir = Files.createTempDirectory("tidings-embedded-pg");
                embedded = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(dir.toFile())
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setPort(FreePorts.next())
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temp directory goes with the machine
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("could not start embedded PostgreSQL", e);
            }
        }
        return embedded.getPort();
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, "");
    }

    /**
     * Loads a CSV file with psql's {@code \copy} (client side, as a user would bulk-load it), e.g. the yardstick of a
     * benchmark; {@code target} is the table and its column list. Fails if psql does.
     */
    public void copy(String target, Path csv) {
        try {
            Process psql = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String.valueOf(port),
                    "-U", user, "-d", name, "-c", "\\copy " + target + " FROM '" + csv + "' WITH (FORMAT csv)")
                    .inheritIO().start();
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("\\copy into " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void drop() {
        adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void adminExecute(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }
}
