package io.tidings.contacts.importing.rows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The normalised addresses already met in one file, kept as 128-bit fingerprints (the first half of their
 * SHA-256) in an open-addressing table: about 27 bytes per distinct address instead of a string each, and
 * a collision chance far below one in 10^20 for a file of ten million rows.
 */
final class SeenAddresses {
    private final MessageDigest sha256;
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int size;

    SeenAddresses() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Records {@code normalized}; false if it was already seen. */
    boolean add(String normalized) {
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(normalized.getBytes(StandardCharsets.UTF_8)));
        long h = digest.getLong();
        long l = digest.getLong();
        if (h == 0 && l == 0) {
            l = 1; // (0, 0) marks an empty slot
        }
        if ((size + 1) * 10L > high.length * 6L) {
            grow();
        }
        return insert(h, l);
    }

    private boolean insert(long h, long l) {
        int mask = high.length - 1;
        for (int slot = (int) (h ^ (h >>> 32)) & mask; ; slot = (slot + 1) & mask) {
            if (high[slot] == 0 && low[slot] == 0) {
                high[slot] = h;
                low[slot] = l;
                size++;
                return true;
            }
            if (high[slot] == h && low[slot] == l) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        size = 0;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }
}
