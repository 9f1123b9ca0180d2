package io.tidings.gateway.projects;

import io.smallrye.mutiny.Uni;
import io.tidings.gateway.keys.ApiKeyRepository;
import io.tidings.gateway.keys.ApiKeySecret;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The {@code gateway.project} table. */
@ApplicationScoped
public class ProjectRepository {
    private static final String INSERT = "INSERT INTO gateway.project (id, name) VALUES ($1, $2) RETURNING created_at";

    private final Pool pool;
    private final ApiKeyRepository keys;

    public ProjectRepository(Pool pool, ApiKeyRepository keys) {
        this.pool = pool;
        this.keys = keys;
    }

    /** Creates a project and its first key in one transaction. */
    public Uni<ProjectCreated> create(String name, ApiKeySecret firstKey) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.of(id, name))
                .map(rows -> rows.iterator().next().getOffsetDateTime("created_at").toInstant())
                .flatMap((Instant createdAt) -> keys.insert(tx, id, firstKey)
                        .map(key -> new ProjectCreated(id, name, createdAt, key))));
    }
}
