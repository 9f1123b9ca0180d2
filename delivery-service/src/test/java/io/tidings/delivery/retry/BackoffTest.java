package io.tidings.delivery.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff postfixLike = new Backoff(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5));

    @Test
    void delayDoublesFromTheInitialBackoffUpToTheMaximum() {
        assertThat(postfixLike.delay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(postfixLike.delay(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(postfixLike.delay(4)).isEqualTo(Duration.ofMinutes(40));
        assertThat(postfixLike.delay(5)).isEqualTo(Duration.ofHours(1));
        assertThat(postfixLike.delay(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nextAttemptIsDueAfterTheDelay() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(postfixLike.next(2, now.minusSeconds(600), now)).contains(now.plus(Duration.ofMinutes(10)));
    }

    @Test
    void noNextAttemptOnceItWouldFallAfterTheLifetime() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        Instant firstTried = now.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(30));
        assertThat(postfixLike.next(9, firstTried, now)).isEmpty();
        assertThat(postfixLike.next(9, firstTried.plus(Duration.ofMinutes(30)), now)).isPresent();
    }
}
