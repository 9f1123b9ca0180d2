package io.tidings.gateway.keys;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Recent positive key lookups, by key hash (hex), each trusted for a fixed time. Bounded in size. */
public final class ApiKeyCache {
    private record Entry(ApiCaller caller, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    public ApiKeyCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    public ApiCaller get(String hash) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(hash, entry);
            return null;
        }
        return entry.caller();
    }

    public void put(String hash, ApiCaller caller) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now - e.expiresAt() >= 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(hash, new Entry(caller, now + ttlNanos));
    }

    public void remove(String hash) {
        entries.remove(hash);
    }
}
