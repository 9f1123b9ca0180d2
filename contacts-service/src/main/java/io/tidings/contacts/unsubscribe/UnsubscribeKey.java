package io.tidings.contacts.unsubscribe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The HMAC key unsubscribe tokens are signed with: a file holding the base64url 32-byte key, at a
 * {@code file:} path, a plain path, or a {@code classpath:} resource. A missing or malformed key fails start-up.
 */
public final class UnsubscribeKey {
    static final int LENGTH = 32;

    private UnsubscribeKey() {
    }

    public static byte[] load(String location) {
        String text;
        try {
            text = new String(read(location), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the unsubscribe key could not be read from " + location, e);
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(text.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the unsubscribe key at " + location + " is not base64url");
        }
        if (key.length != LENGTH) {
            throw new IllegalStateException("the unsubscribe key at " + location + " has " + key.length
                    + " bytes; " + LENGTH + " are needed");
        }
        return key;
    }

    private static byte[] read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + resource);
                }
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location));
    }
}
