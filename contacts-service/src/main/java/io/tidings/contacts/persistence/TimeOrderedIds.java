package io.tidings.contacts.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes UUIDv7 ids (RFC 9562): a millisecond timestamp followed by random bits, so rows written together sit
 * together in the primary-key and keyset indexes, and keyset order follows creation order.
 */
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
