package io.tidings.delivery.retry;

import io.tidings.delivery.config.DeliveryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a DEFERRED send is tried again: after the initial backoff, doubling with every attempt up to the maximum
 * (in the spirit of Postfix: 5 minutes up to about an hour), and never after the lifetime since the first try.
 */
public record Backoff(Duration initial, Duration max, Duration lifetime) {

    public static Backoff of(DeliveryConfig.Retry retry) {
        return new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.lifetime());
    }

    /** The delay after the given number of failed attempts (1 for the first). */
    public Duration delay(int failedAttempts) {
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** When the next attempt is due, or empty when it would fall after the lifetime: time to give up. */
    public Optional<Instant> next(int failedAttempts, Instant firstTried, Instant now) {
        Instant due = now.plus(delay(failedAttempts));
        return due.isAfter(firstTried.plus(lifetime)) ? Optional.empty() : Optional.of(due);
    }
}
