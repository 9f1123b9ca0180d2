package io.tidings.delivery.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.delivery.support.DeliveryServiceTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class TokenBucketsTest {
    @Inject
    TokenBuckets buckets;

    @Test
    void aFullBucketGrantsAtMostItsBurstThenTheNextTokenWhenDue() {
        UUID sender = UUID.randomUUID();

        TokenBuckets.Lease first = buckets.take(sender, 10, 5, 8).await().indefinitely();
        TokenBuckets.Lease second = buckets.take(sender, 10, 5, 3).await().indefinitely();

        assertThat(first.granted()).isEqualTo(5);
        assertThat(second.granted()).isZero();
        assertThat(second.waitSeconds()).isGreaterThan(0).isLessThanOrEqualTo(0.1);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> buckets.take(sender, 10, 5, 1).await().indefinitely().granted() == 1);
    }

    @Test
    void podsLeasingAtOnceNeverGetMoreThanRateTimesTimePlusBurst() throws Exception {
        UUID sender = UUID.randomUUID();
        double rate = 40;
        int burst = 10;
        ExecutorService pods = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(2).toNanos();
        List<Future<Integer>> granted = new ArrayList<>();
        for (int pod = 0; pod < 8; pod++) {
            granted.add(pods.submit(() -> {
                int mine = 0;
                while (System.nanoTime() < end) {
                    mine += buckets.take(sender, rate, burst, 3).await().indefinitely().granted();
                }
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> pod : granted) {
            total += pod.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pods.shutdown();

        assertThat(total).isLessThanOrEqualTo((int) Math.floor(rate * elapsed + burst));
        assertThat(total).isGreaterThanOrEqualTo((int) (rate * 2 * 0.9));
    }

    @Test
    void throttlingHalvesTheEffectiveRateOnceThenItClimbsBackToTheConfiguredRate() {
        UUID sender = UUID.randomUUID();
        buckets.take(sender, 10, 10, 1).await().indefinitely();

        Double lowered = buckets.slowDown(sender, 10).await().indefinitely();
        Double again = buckets.slowDown(sender, 10).await().indefinitely();

        assertThat(lowered).isEqualTo(5.0);
        assertThat(again).as("a second throttling reply within the quiet period").isNull();
        assertThat(buckets.take(sender, 10, 10, 10).await().indefinitely().granted())
                .as("the bucket was emptied").isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            buckets.take(sender, 10, 10, 1).await().indefinitely();
            return buckets.effectiveRate(sender).await().indefinitely() == 10.0;
        });
    }
}
