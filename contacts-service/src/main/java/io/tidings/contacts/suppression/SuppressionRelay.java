package io.tidings.contacts.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.tidings.contacts.kafka.Channels;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes {@code contacts.suppression_outbox} to {@code contacts.suppressions} in commit order and deletes each
 * row once Kafka acknowledged it: a crash in between publishes the row again, which a compacted topic absorbs.
 * One pod relays at a time (a transaction-scoped advisory lock), so a key's changes are never reordered.
 */
@ApplicationScoped
public class SuppressionRelay {
    private static final Logger LOG = Logger.getLogger(SuppressionRelay.class);
    /** The advisory lock that elects the relaying pod: "tidings" + 0x51 (suppressions). */
    static final long RELAY_LOCK = 0x74696469_6E677351L;

    private final Pool pool;
    private final MutinyEmitter<Record<String, String>> suppressions;
    private final ObjectMapper json;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SuppressionRelay(Pool pool,
            @Channel(Channels.SUPPRESSIONS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<Record<String, String>> suppressions,
            ObjectMapper json, @ConfigProperty(name = "tidings.suppressions.relay-batch-size") int batchSize) {
        this.pool = pool;
        this.suppressions = suppressions;
        this.json = json;
        this.batchSize = batchSize;
    }

    void onStart(@Observes StartupEvent event) {
        publishSoon();
    }

    @Scheduled(every = "${tidings.suppressions.relay-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publishSoon();
    }

    /** Starts a relay pass now, or right after the one under way. */
    public void publishSoon() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        publishAll().eventually(() -> {
            running.set(false);
            if (again.get()) {
                publishSoon();
            }
        }).subscribe().with(done -> { }, failure -> LOG.warn("relaying suppressions failed; retried soon", failure));
    }

    Uni<Void> publishAll() {
        return Multi.createBy().repeating().uni(this::publishBatch)
                .whilst(published -> published == batchSize)
                .collect().last().replaceWithVoid();
    }

    /** Publishes and deletes one batch; 0 when another pod holds the relay or nothing waits. */
    private Uni<Integer> publishBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS mine")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean("mine") ? relay(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relay(SqlConnection conn) {
        return conn.preparedQuery("SELECT seq, event_id, project_id, normalized_email, contact_id, suppressed, reason,"
                        + " occurred_at FROM contacts.suppression_outbox ORDER BY seq LIMIT $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> sequence = new ArrayList<>(rows.size());
                    List<Record<String, String>> records = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        sequence.add(row.getLong("seq"));
                        records.add(record(row));
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(records)
                            .onItem().transformToUniAndMerge(suppressions::send)
                            .collect().last()
                            .chain(() -> conn.preparedQuery("DELETE FROM contacts.suppression_outbox WHERE seq = ANY($1)")
                                    .execute(Tuple.of(sequence.toArray(Long[]::new))))
                            .replaceWith(records.size());
                });
    }

    private Record<String, String> record(Row row) {
        String key = SuppressionChanged.key(row.getUUID("project_id"), row.getString("normalized_email"));
        Boolean suppressed = row.getBoolean("suppressed");
        if (suppressed == null) {
            return Record.of(key, null);
        }
        SuppressionChanged event = new SuppressionChanged(1, row.getUUID("event_id"), SuppressionChanged.TYPE,
                row.getUUID("project_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("normalized_email"), row.getUUID("contact_id"), suppressed, row.getString("reason"));
        try {
            return Record.of(key, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a suppression event could not be written", e);
        }
    }
}
