package io.tidings.gateway.keys;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** The {@code gateway.api_key} table: keys are stored as SHA-256 hashes, never as text. */
@ApplicationScoped
public class ApiKeyRepository {
    private static final String INSERT = """
            INSERT INTO gateway.api_key (id, project_id, key_hash, prefix) VALUES ($1, $2, $3, $4)
            RETURNING created_at""";
    private static final String INSERT_FOR_EXISTING_PROJECT = """
            INSERT INTO gateway.api_key (id, project_id, key_hash, prefix)
            SELECT $1, p.id, $3, $4 FROM gateway.project p WHERE p.id = $2
            RETURNING created_at""";
    private static final String REVOKE = """
            UPDATE gateway.api_key SET revoked_at = coalesce(revoked_at, now())
            WHERE id = $1 AND project_id = $2
            RETURNING key_hash""";
    private static final String FIND_ACTIVE = """
            SELECT id, project_id FROM gateway.api_key WHERE key_hash = $1 AND revoked_at IS NULL""";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new key of a project known to exist, on the given connection (e.g. inside its transaction). */
    public Uni<IssuedKey> insert(SqlClient client, UUID projectId, ApiKeySecret secret) {
        UUID id = UUID.randomUUID();
        return client.preparedQuery(INSERT).execute(params(id, projectId, secret))
                .map(rows -> issued(id, secret, rows.iterator().next()));
    }

    /** Stores a new key for the project, or nothing if there is no such project. */
    public Uni<Optional<IssuedKey>> insertIfProjectExists(UUID projectId, ApiKeySecret secret) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery(INSERT_FOR_EXISTING_PROJECT).execute(params(id, projectId, secret))
                .map(rows -> first(rows).map(row -> issued(id, secret, row)));
    }

    /** Revokes the project's key (keeping the first revocation time); its hash, or nothing if it is not there. */
    public Uni<Optional<byte[]>> revoke(UUID projectId, UUID keyId) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(keyId, projectId))
                .map(rows -> first(rows).map(row -> row.getBuffer("key_hash").getBytes()));
    }

    public Uni<Optional<ApiCaller>> findActive(byte[] keyHash) {
        return pool.preparedQuery(FIND_ACTIVE).execute(Tuple.of(Buffer.buffer(keyHash)))
                .map(rows -> first(rows).map(row -> new ApiCaller(row.getUUID("id"), row.getUUID("project_id"))));
    }

    private static Tuple params(UUID id, UUID projectId, ApiKeySecret secret) {
        return Tuple.of(id, projectId, Buffer.buffer(secret.hash()), secret.prefix());
    }

    private static IssuedKey issued(UUID id, ApiKeySecret secret, Row row) {
        return new IssuedKey(id, secret.value(), secret.prefix(), row.getOffsetDateTime("created_at").toInstant());
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
    }
}
