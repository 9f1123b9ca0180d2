package io.tidings.delivery.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Delivery's own settings ({@code tidings.delivery.*}): waits, deadlines, leases and the retry schedule. */
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

        /** How long a retry of the retry loop waits for a token before it gives its row back for later. */
        Duration retryHold();
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
