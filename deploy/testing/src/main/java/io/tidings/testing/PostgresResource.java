package io.tidings.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives a Quarkus test a fresh PostgreSQL database (JDBC for Flyway and the reactive client), dropped after. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private static volatile TestDatabase current;
    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create();
        current = database;
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", "");
    }

    /** The database of the running test application, for tests that look into tables directly. */
    public static TestDatabase current() {
        return current;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
