package io.tidings.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints the short-lived service tokens the gateway forwards, signed with the test key
 * ({@code classpath:tidings-test-token-key.jwk}), so a service can be tested without the gateway.
 */
public final class TestTokens {
    public static final String KEY_LOCATION = "tidings-test-token-key.jwk";
    public static final String ISSUER = "tidings";
    public static final String AUDIENCE = "tidings-services";

    private TestTokens() {
    }

    /** A token as the gateway makes it for an API key of this project. */
    public static String project(String projectId) {
        return sign(projectId, "api-key:test", List.of("project"));
    }

    /** A token as one service makes it to call another's internal endpoints for this project. */
    public static String service(String projectId, String serviceName) {
        return sign(projectId, serviceName, List.of("service"));
    }

    public static String newProjectId() {
        return UUID.randomUUID().toString();
    }

    private static String sign(String projectId, String subject, List<String> groups) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            claims.setAudience(AUDIENCE);
            claims.setSubject(subject);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(5);
            claims.setGeneratedJwtId();
            claims.setClaim("project", projectId);
            claims.setStringListClaim("groups", groups);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            JsonWebKey key = key();
            jws.setKey(key.getKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static JsonWebKey key() throws JoseException {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(KEY_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(KEY_LOCATION + " is not on the classpath");
            }
            return new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonWebKeys().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
