package io.tidings.gateway.tokens;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.tidings.gateway.keys.ApiCaller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Key;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;

/**
 * Mints the short-lived HS256 service token that replaces the API key on a forwarded call (docs/DESIGN.md).
 * The key is read once at start from {@code smallrye.jwt.sign.key.location} (a JWK set with one {@code oct} key,
 * or several and {@code smallrye.jwt.sign.key.id}): smallrye-jwt's own {@code sign()} would re-read that location
 * on every call, which is blocking I/O on the event loop.
 */
@Startup
@ApplicationScoped
public class ServiceTokens {
    public static final String ISSUER = "tidings";
    public static final String AUDIENCE = "tidings-services";
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final SecretKey key;
    private final String keyId;

    public ServiceTokens(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location,
            @ConfigProperty(name = "smallrye.jwt.sign.key.id") Optional<String> wantedKeyId) {
        JsonWebKey jwk = KeyUtils.getJwkKeyFromJwkSet(wantedKeyId.orElse(null), read(location));
        if (jwk == null) {
            throw new IllegalStateException("No signing key in the JWK set at " + location
                    + ": it must hold one key, or set smallrye.jwt.sign.key.id");
        }
        Key signingKey = KeyUtils.getPrivateOrSecretSigningKey(jwk, SignatureAlgorithm.HS256);
        if (!(signingKey instanceof SecretKey secret)) {
            throw new IllegalStateException("The signing key at " + location + " is not an HS256 'oct' key");
        }
        this.key = secret;
        this.keyId = jwk.getKeyId();
    }

    /** A token for a call made with this API key: group {@code project}, the project claim, 60 s of life. */
    public String forApiKey(ApiCaller caller) {
        JwtSignatureBuilder token = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("api-key:" + caller.keyId())
                .groups("project")
                .claim("project", caller.projectId().toString())
                .expiresIn(LIFETIME)
                .jws();
        if (keyId != null) {
            token.keyId(keyId);
        }
        return token.sign(key);
    }

    private static String read(String location) {
        try {
            String content = KeyUtils.readKeyContent(location);
            if (content == null || content.isBlank()) {
                throw new IllegalStateException("No token signing key at " + location);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing key at " + location, e);
        }
    }
}
