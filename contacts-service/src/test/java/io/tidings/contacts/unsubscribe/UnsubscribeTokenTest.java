package io.tidings.contacts.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.testing.Contracts;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The token format against the shared test vector (deploy/contracts/fixtures/http/unsubscribe-token.v1.json). */
class UnsubscribeTokenTest {
    private final JsonNode vector = read();
    private final byte[] key = Base64.getUrlDecoder().decode(vector.get("key").asText());

    @Test
    void theVectorVerifiesToItsProjectAndContact() {
        assertThat(UnsubscribeToken.verify(vector.get("token").asText(), key)).contains(new UnsubscribeToken(
                UUID.fromString(vector.get("projectId").asText()), UUID.fromString(vector.get("contactId").asText())));
    }

    @Test
    void signingTheVectorsClaimsGivesTheVectorsToken() {
        UnsubscribeToken claims = new UnsubscribeToken(UUID.fromString(vector.get("projectId").asText()),
                UUID.fromString(vector.get("contactId").asText()));
        assertThat(claims.sign(key)).isEqualTo(vector.get("token").asText());
    }

    @Test
    void tamperedTruncatedForeignAndGarbageTokensDoNotVerify() {
        String token = vector.get("token").asText();
        assertThat(UnsubscribeToken.verify(vector.get("tampered").asText(), key)).isEmpty();
        assertThat(UnsubscribeToken.verify(token.substring(0, token.length() - 2), key)).isEmpty();
        assertThat(UnsubscribeToken.verify(token + "AA", key)).isEmpty();
        assertThat(UnsubscribeToken.verify(token, new byte[32])).isEmpty();
        assertThat(UnsubscribeToken.verify("B" + token.substring(1), key)).isEmpty(); // another version byte
        assertThat(UnsubscribeToken.verify(token.substring(0, token.length() - 1) + "R", key)).isEmpty(); // not canonical
        assertThat(UnsubscribeToken.verify(token + "==", key)).isEmpty(); // padded
        assertThat(UnsubscribeToken.verify("%%%not-base64%%%", key)).isEmpty();
        assertThat(UnsubscribeToken.verify("", key)).isEmpty();
    }

    @Test
    void theTestKeyIsTheVectorsKey() {
        assertThat(UnsubscribeKey.load("classpath:tidings-test-unsubscribe.key")).isEqualTo(key);
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Contracts.fixture("http/unsubscribe-token.v1.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
