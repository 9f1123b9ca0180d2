package io.tidings.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ApiCaller caller = new ApiCaller(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void forgetsAnEntryOnceItsTtlHasPassed() {
        ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(30), 10, now::get);
        cache.put("hash", caller);

        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.get("hash")).isEqualTo(caller);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("hash")).isNull();
    }

    @Test
    void removeForgetsAtOnce() {
        ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(30), 10, now::get);
        cache.put("hash", caller);
        cache.remove("hash");
        assertThat(cache.get("hash")).isNull();
    }

    @Test
    void staysWithinItsSize() {
        ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(30), 3, now::get);
        for (int i = 0; i < 3; i++) {
            cache.put("hash" + i, caller);
        }
        cache.put("hash3", caller);
        int kept = 0;
        for (int i = 0; i < 4; i++) {
            kept += cache.get("hash" + i) == null ? 0 : 1;
        }
        assertThat(kept).isBetween(1, 3);
        assertThat(cache.get("hash3")).isEqualTo(caller);
    }

    @Test
    void zeroTtlCachesNothing() {
        ApiKeyCache cache = new ApiKeyCache(Duration.ZERO, 10, now::get);
        cache.put("hash", caller);
        assertThat(cache.get("hash")).isNull();
    }
}
