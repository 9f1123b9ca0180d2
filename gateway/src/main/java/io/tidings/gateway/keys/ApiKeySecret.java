package io.tidings.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret text of an API key: {@code tk_} and 32 random bytes in base64url. It is shown once, at issue;
 * the gateway keeps only its SHA-256 hash and a short prefix for display.
 */
public record ApiKeySecret(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("tk_[A-Za-z0-9_-]{43}");
    private static final String BEARER = "Bearer ";
    private static final int PREFIX_LENGTH = 10;

    public static ApiKeySecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKeySecret("tk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The key of an {@code Authorization: Bearer tk_…} header, if the header holds one of the right form. */
    public static Optional<ApiKeySecret> fromAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String candidate = header.substring(BEARER.length()).strip();
        return FORMAT.matcher(candidate).matches() ? Optional.of(new ApiKeySecret(candidate)) : Optional.empty();
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The first characters, enough to tell keys apart in a list, far too few to guess the rest. */
    public String prefix() {
        return value.substring(0, PREFIX_LENGTH);
    }

    @Override
    public String toString() {
        return prefix() + "…";
    }
}
