package io.tidings.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void generatedKeysHaveTheDocumentedFormAndDiffer() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeySecret.generate().value();
            assertThat(key).matches("tk_[A-Za-z0-9_-]{43}");
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void hashIsTheSha256OfTheKeyText() throws Exception {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertThat(secret.hash()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(secret.value().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void prefixShowsTooLittleToGuessTheKey() {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertThat(secret.prefix()).isEqualTo(secret.value().substring(0, 10));
        assertThat(secret.toString()).doesNotContain(secret.value().substring(10));
    }

    @Test
    void readsOnlyBearerKeysOfTheRightForm() {
        String key = ApiKeySecret.generate().value();
        assertThat(ApiKeySecret.fromAuthorization("Bearer " + key)).contains(new ApiKeySecret(key));
        assertThat(ApiKeySecret.fromAuthorization("BEARER  " + key + " ")).contains(new ApiKeySecret(key));
        assertThat(ApiKeySecret.fromAuthorization(null)).isEmpty();
        assertThat(ApiKeySecret.fromAuthorization(key)).isEmpty();
        assertThat(ApiKeySecret.fromAuthorization("Basic " + key)).isEmpty();
        assertThat(ApiKeySecret.fromAuthorization("Bearer " + key + "x")).isEmpty();
        assertThat(ApiKeySecret.fromAuthorization("Bearer xx" + key.substring(2))).isEmpty();
        assertThat(ApiKeySecret.fromAuthorization("Bearer " + key.substring(0, 45) + "+")).isEmpty();
    }
}
