package io.tidings.delivery.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Turns on DKIM signing for a test application with a fresh 2048-bit RSA key: writes the private key where
 * {@code quarkus.mailer.dkim.private-key-path} points (PKCS#8, base64 as the Vert.x mail client reads it) and keeps
 * the public key for the test to verify signatures with, as a receiver would after its DNS look-up.
 */
public class DkimKeyResource implements QuarkusTestResourceLifecycleManager {
    public static final String DOMAIN = "tidings.example";

    private static volatile PublicKey publicKey;
    private static volatile String selector;
    private Path keyFile;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            keyFile = Files.createTempFile("tidings-dkim-", ".pkcs8");
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded());
            Files.writeString(keyFile, base64 + "\n", StandardCharsets.US_ASCII);
            publicKey = pair.getPublic();
            selector = "t" + UUID.randomUUID().toString().substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.mailer.dkim.enabled", "true",
                "quarkus.mailer.dkim.private-key-path", keyFile.toString(),
                "quarkus.mailer.dkim.sdid", DOMAIN,
                "quarkus.mailer.dkim.selector", selector);
    }

    /** The public half of the signing key. */
    public static PublicKey publicKey() {
        return publicKey;
    }

    public static String selector() {
        return selector;
    }

    /** The TXT record a receiver would find at {@code selector._domainkey.domain} (RFC 6376 section 3.6.1). */
    public static String dnsRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    @Override
    public void stop() {
        try {
            if (keyFile != null) {
                Files.deleteIfExists(keyFile);
            }
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
