package io.tidings.delivery.unsubscribe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a recipient's unsubscribe link {@code {public base URL}/u/{token}}, the token as deploy/contracts/README.md
 * "Unsubscribe tokens" defines it (v1: {@code 0x01 ‖ project ‖ contact ‖ HMAC-SHA256[0..16)}, base64url), signed
 * with the key contacts-service verifies it with.
 */
@ApplicationScoped
public class UnsubscribeLinks {
    private static final byte VERSION = 1;

    private final SecretKeySpec key;
    private final String baseUrl;

    @Inject
    UnsubscribeLinks(@ConfigProperty(name = "tidings.unsubscribe.key-location") String keyLocation,
            @ConfigProperty(name = "tidings.public-base-url") String baseUrl) {
        this(readKey(keyLocation), baseUrl);
    }

    public UnsubscribeLinks(byte[] key, String baseUrl) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the unsubscribe key must hold 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String url(UUID projectId, UUID contactId) {
        return baseUrl + "/u/" + token(projectId, contactId);
    }

    public String token(UUID projectId, UUID contactId) {
        ByteBuffer payload = ByteBuffer.allocate(33 + 16).put(VERSION)
                .putLong(projectId.getMostSignificantBits()).putLong(projectId.getLeastSignificantBits())
                .putLong(contactId.getMostSignificantBits()).putLong(contactId.getLeastSignificantBits());
        byte[] bytes = payload.array();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, 0, 33);
            System.arraycopy(mac.doFinal(), 0, bytes, 33, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The raw key from a {@code classpath:} resource or a file holding it in base64url. */
    public static byte[] readKey(String location) {
        try {
            String text;
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("unsubscribe key " + location + " not found");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            } else {
                text = Files.readString(Path.of(location.replaceFirst("^file:", "")), StandardCharsets.US_ASCII);
            }
            byte[] key = Base64.getUrlDecoder().decode(text.strip().replace("=", ""));
            return Arrays.copyOf(key, key.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the unsubscribe key at " + location, e);
        }
    }
}
