package io.tidings.delivery.rate;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The senders' global token buckets, one PostgreSQL row each ({@code delivery.sender_bucket}), shared by every
 * delivery pod: a lease refills and takes tokens in one atomic call, so the rate is exact across any number of pods.
 * A failed call grants nothing (fail closed).
 */
@ApplicationScoped
public class TokenBuckets {
    private final Pool pool;
    private final DeliveryConfig.Rate config;

    TokenBuckets(Pool pool, DeliveryConfig config) {
        this.pool = pool;
        this.config = config.rate();
    }

    /** What one lease got: whole tokens granted and, when fewer than wanted, the seconds until the next one. */
    public record Lease(int granted, double waitSeconds) {
    }

    /** Takes up to {@code wanted} tokens (at most the burst) from the sender's bucket. */
    public Uni<Lease> take(UUID sender, double perSecond, int burst, int wanted) {
        return pool.preparedQuery("SELECT granted, wait_seconds FROM delivery.take_tokens($1, $2, $3, $4, $5)")
                .execute(Tuple.of(sender, perSecond, (double) burst, config.recoveryPerSecond(),
                        Math.min(wanted, burst)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lease(row.getInteger("granted"), row.getDouble("wait_seconds"));
                });
    }

    /** A throttling reply: lowers the sender's effective rate (once per quiet period); the new rate, or null. */
    public Uni<Double> slowDown(UUID sender, double perSecond) {
        return pool.preparedQuery("SELECT delivery.slow_down($1, $2, $3, $4, $5) AS rate")
                .execute(Tuple.of(sender, perSecond, config.decreaseFactor(),
                        perSecond * config.floorFraction(), config.decreaseQuiet().toMillis() / 1000.0))
                .map(rows -> rows.iterator().next().getDouble("rate"));
    }

    /** The sender's effective rate now (before recovery since its last lease), or null without a bucket. */
    public Uni<Double> effectiveRate(UUID sender) {
        return pool.preparedQuery("SELECT effective_rate FROM delivery.sender_bucket WHERE sender_id = $1")
                .execute(Tuple.of(sender))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getDouble("effective_rate"));
    }
}
