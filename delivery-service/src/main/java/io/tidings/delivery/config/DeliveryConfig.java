package io.tidings.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivery's own settings ({@code tidings.delivery.*}): waits, deadlines, leases, the retry schedule, the sender
 * rates, the SMTP clients and the ledger's statement batching.
 */
@ConfigMapping(prefix = "tidings.delivery")
public interface DeliveryConfig {

    /** How long a request waits for its campaign's control record before it goes to the dead-letter topic. */
    Duration controlWait();

    /** The deadline of one SMTP send, from asking for a connection to the reply to the final dot. */
    Duration sendTimeout();

    /** How long a claim may stay without a recorded reply before its sender is presumed dead (UNKNOWN). */
    Duration claimLease();

    /** How long shutdown waits for sends in flight to finish. */
    Duration drainTimeout();

    Retry retry();

    Rate rate();

    Smtp smtp();

    Ledger ledger();

    /**
     * The SMTP clients: {@code clients} Vert.x mail clients, each on an event loop of its own and driven only from
     * it, each with its own connection pool ({@code quarkus.mailer.max-pool-size}), and {@code in-flight-per-client}
     * slots on each: a send takes one before its claim and frees it with its reply (the others wait in line,
     * unclaimed and without a thread).
     */
    interface Smtp {
        /** How many mail clients; unset or 0: one per CPU core (never more than the event loops). */
        Optional<Integer> clients();

        @WithDefault("10")
        int inFlightPerClient();
    }

    /**
     * Batching of the ledger's statements: at most {@code statements-in-flight} statements of one kind (find, claim,
     * park, record, published) at once, each of at most {@code batch-rows} rows.
     */
    interface Ledger {
        @WithDefault("500")
        int batchRows();

        @WithDefault("2")
        int statementsInFlight();
    }

    /**
     * The senders' token buckets: how a throttling reply lowers the effective rate (multiplied by decrease-factor,
     * at most once per decrease-quiet, never below floor-fraction of the configured rate) and how it climbs back
     * (by recovery-per-second of the configured rate each second); store-retry: the pause after the store failed.
     */
    interface Rate {
        double decreaseFactor();

        Duration decreaseQuiet();

        double floorFraction();

        double recoveryPerSecond();

        Duration storeRetry();

        /**
         * Send-latency jitter the bucket absorbs: a full bucket holds rate × this fewer tokens than the burst (at
         * least 1), so a burst whose sends reach the server later than the sends after it still keeps every
         * window at the server within rate × window + burst.
         */
        Duration latencyMargin();

        /**
         * Into how many shares the margin's tokens are split: a pod has at most rate × margin / shares of a
         * sender's tokens granted whose sends have not started, so up to this many pods stalled at once still keep
         * every window at the server within rate × window + burst.
         */
        @WithDefault("4")
        int marginShares();

        /** How long a retry of the retry loop waits for a token before it gives its row back for later. */
        Duration retryHold();

        /**
         * How long a Kafka request waits for its sender's token; without one by then it is parked in the ledger
         * (DEFERRED, attempt 0, due at once, nothing announced) for the retry loop, and its record acknowledged.
         */
        @WithDefault("20s")
        Duration requestHold();
    }

    /** The schedule of DEFERRED recipients: a backoff doubling from initial to max, given up after lifetime. */
    interface Retry {
        Duration every();

        Duration initialBackoff();

        Duration maxBackoff();

        Duration lifetime();

        int batchSize();
    }
}
