package io.tidings.campaigns.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.problems.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The {@code Idempotency-Key} header of state-changing campaign calls: the first successful answer to a key is
 * stored with the request it answered, and the same key with the same request gets that answer again; the same key
 * with another request is a 422. Keys are per project and kept for {@code tidings.idempotency.keep}.
 */
@ApplicationScoped
public class IdempotentCalls {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final Pool db;
    private final ObjectMapper json;
    private final Duration keep;

    public IdempotentCalls(Pool db, ObjectMapper json, @ConfigProperty(name = "tidings.idempotency.keep") Duration keep) {
        this.db = db;
        this.json = json;
        this.keep = keep;
    }

    /**
     * Answers {@code POST /api/v1/campaigns/{campaignId}/{action}} by making the call, or, for a key already used by
     * this request, with the stored first answer.
     */
    public Uni<RestResponse<Campaign>> answer(UUID projectId, String key, UUID campaignId, String action,
            Supplier<Uni<RestResponse<Campaign>>> call) {
        if (key == null) {
            return call.get();
        }
        String request = "POST /api/v1/campaigns/" + campaignId + "/" + action;
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return stored(projectId, key, request).chain(previous -> previous != null
                ? Uni.createFrom().item(previous)
                : call.get().chain(answer -> store(projectId, key, request, answer)));
    }

    private Uni<RestResponse<Campaign>> store(UUID projectId, String key, String request, RestResponse<Campaign> answer) {
        String body;
        try {
            body = json.writeValueAsString(answer.getEntity());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return db.preparedQuery("INSERT INTO campaigns.idempotent_call (project_id, key, request, status, body) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(projectId, key, request, answer.getStatus(), body))
                // a concurrent call with the same key stored its answer first: that one is the answer
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(answer) : stored(projectId, key, request));
    }

    private Uni<RestResponse<Campaign>> stored(UUID projectId, String key, String request) {
        return db.preparedQuery("SELECT request, status, body FROM campaigns.idempotent_call "
                        + "WHERE project_id = $1 AND key = $2")
                .execute(Tuple.of(projectId, key))
                .map(rows -> rows.iterator().hasNext() ? replay(rows.iterator().next(), key, request) : null);
    }

    private RestResponse<Campaign> replay(Row row, String key, String request) {
        if (!row.getString("request").equals(request)) {
            throw ProblemException.unprocessable(HEADER, "'" + key + "' was already used for another request ("
                    + row.getString("request") + ")");
        }
        try {
            Campaign campaign = json.readValue(row.getString("body"), Campaign.class);
            return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(row.getInteger("status")),
                    campaign).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is unreadable", e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOldKeys() {
        return db.preparedQuery("DELETE FROM campaigns.idempotent_call WHERE created_at < now() - $1 * interval '1 second'")
                .execute(Tuple.of(keep.getSeconds())).replaceWithVoid();
    }
}
