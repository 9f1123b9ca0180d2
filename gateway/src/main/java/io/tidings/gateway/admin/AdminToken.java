package io.tidings.gateway.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Checks an {@code Authorization} header against the configured admin token in constant time. */
@ApplicationScoped
public class AdminToken {
    private static final String BEARER = "Bearer ";
    private final byte[] expectedDigest;

    @Inject
    public AdminToken(AdminConfig config) {
        this(config.token());
    }

    public AdminToken(Optional<String> configured) {
        this.expectedDigest = configured.map(String::strip).filter(t -> !t.isEmpty()).map(AdminToken::digest)
                .orElse(null);
    }

    /** True only for {@code Bearer <the configured token>}; always false when no token is configured. */
    public boolean accepts(String authorization) {
        if (expectedDigest == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // comparing digests keeps the comparison constant-time whatever the lengths
        return MessageDigest.isEqual(expectedDigest, digest(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
