package io.tidings.gateway.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A CSV body of an exact size made on the fly (never held in memory), hashing what it hands out. It can run a
 * hook once when it reaches a given offset, e.g. to wait until the far end has seen the first bytes.
 */
public final class GeneratedCsv extends InputStream {
    private final long size;
    private final long hookAt;
    private final Runnable hook;
    private final MessageDigest sha256 = StandInService.sha256();
    private long produced;
    private long row;
    private byte[] line = new byte[0];
    private int lineOffset;
    private boolean hookRan;

    public GeneratedCsv(long size, long hookAt, Runnable hook) {
        this.size = size;
        this.hookAt = hookAt;
        this.hook = hook;
    }

    public GeneratedCsv(long size) {
        this(size, Long.MAX_VALUE, () -> {
        });
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (produced >= size) {
            return -1;
        }
        if (!hookRan && produced >= hookAt) {
            hookRan = true;
            hook.run();
        }
        long limit = Math.min(size - produced, hookRan ? length : Math.min(length, hookAt - produced));
        int written = 0;
        while (written < limit) {
            if (lineOffset == line.length) {
                row++;
                line = ("contact-" + row + "@example.com,First" + row + ",Last" + row + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                lineOffset = 0;
            }
            int n = (int) Math.min(limit - written, line.length - lineOffset);
            System.arraycopy(line, lineOffset, buffer, offset + written, n);
            lineOffset += n;
            written += n;
        }
        sha256.update(buffer, offset, written);
        produced += written;
        return written;
    }

    /** The SHA-256 (hex) of everything handed out so far; the whole body's once read to the end. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
