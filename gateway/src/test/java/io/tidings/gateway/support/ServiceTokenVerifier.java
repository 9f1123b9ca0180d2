package io.tidings.gateway.support;

import io.tidings.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/** Verifies a forwarded service token the way the services do: HS256 with the test key, issuer and audience. */
public final class ServiceTokenVerifier {
    private ServiceTokenVerifier() {
    }

    public static JwtClaims verify(String authorizationHeader) throws InvalidJwtException {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            throw new IllegalArgumentException("no bearer token: " + authorizationHeader);
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setExpectedIssuer(TestTokens.ISSUER)
                .setExpectedAudience(TestTokens.AUDIENCE)
                .setVerificationKey(testKey().getKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        return consumer.processToClaims(authorizationHeader.substring("Bearer ".length()));
    }

    public static JsonWebKey testKey() {
        try (InputStream in = ServiceTokenVerifier.class.getClassLoader()
                .getResourceAsStream(TestTokens.KEY_LOCATION)) {
            return new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonWebKeys().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
