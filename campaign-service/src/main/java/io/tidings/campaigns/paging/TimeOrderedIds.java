package io.tidings.campaigns.paging;

import java.security.SecureRandom;
import java.util.UUID;

/** Makes version 7 UUIDs (RFC 9562): random, but ordered by creation time, so keyset lists follow creation. */
public final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
