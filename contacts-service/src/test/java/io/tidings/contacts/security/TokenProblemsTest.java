package io.tidings.contacts.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.TestTokens;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint refuses a missing or untrustworthy token with a 401 problem, never a bare status. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class TokenProblemsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/contacts", "/api/v1/segments", "/api/v1/contacts/imports/x",
            "/internal/segments/x/members"})
    void refusesCallWithoutTokenWith401Problem(String path) {
        given().get(path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:tidings:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void refusesTokenWithTamperedSignature() {
        String token = TestTokens.project(TestTokens.newProjectId());
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/api/v1/contacts")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:tidings:problem:unauthorized"));
    }

    @Test
    void refusesTokenSignedWithAnotherKey() throws Exception {
        String token = sign("tidings", "tidings-services", new HmacKey(new byte[32]));
        given().auth().oauth2(token).get("/api/v1/contacts")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesTokenOfAnotherIssuer() throws Exception {
        Key testKey = testKey();
        given().auth().oauth2(sign("someone-else", "tidings-services", testKey)).get("/api/v1/contacts")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(sign("tidings", "other-audience", testKey)).get("/api/v1/contacts")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(sign("tidings", "tidings-services", testKey)).get("/api/v1/contacts")
                .then().statusCode(200);
    }

    @Test
    void unknownPathIsA404Problem() {
        given().auth().oauth2(TestTokens.project(TestTokens.newProjectId())).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** The key the service trusts in tests, read from the harness's JWK set. */
    private static Key testKey() throws Exception {
        try (InputStream in = TokenProblemsTest.class.getClassLoader().getResourceAsStream(TestTokens.KEY_LOCATION)) {
            String jwks = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new JsonWebKeySet(jwks).getJsonWebKeys().get(0).getKey();
        }
    }

    private static String sign(String issuer, String audience, Key key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("api-key:test");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setClaim("project", TestTokens.newProjectId());
        claims.setStringListClaim("groups", List.of("project"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("tidings-test");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return jws.getCompactSerialization();
    }
}
