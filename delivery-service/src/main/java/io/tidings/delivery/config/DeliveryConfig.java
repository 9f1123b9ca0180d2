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

    /** The schedule of DEFERRED recipients: a backoff doubling from initial to max, given up after lifetime. */
    interface Retry {
        Duration every();

        Duration initialBackoff();

        Duration maxBackoff();

        Duration lifetime();

        int batchSize();
    }
}
