package io.tidings.campaigns.paging;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes version 7 UUIDs (RFC 9562): random, but ordered by creation time, so keyset lists follow creation. Within
 * this process they strictly increase (RFC 9562 §6.2, method 1: the 12 bits after the version count ids made in the
 * same millisecond; when they run out, the next millisecond is borrowed), so a page of recipients stored after
 * another has higher ids than all of it, which the publisher's cursor relies on.
 */
public final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long COUNTER_MAX = 0x0FFFL;

    private static long lastMillis = Long.MIN_VALUE;
    private static long counter;

    private TimeOrderedIds() {
    }

    public static UUID next() {
        long millis;
        long sequence;
        synchronized (TimeOrderedIds.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                // start low in the millisecond, leaving room to count up
                counter = RANDOM.nextInt(0x400);
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
