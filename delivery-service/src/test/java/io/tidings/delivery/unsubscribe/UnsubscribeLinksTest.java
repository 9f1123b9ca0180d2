package io.tidings.delivery.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidings.delivery.support.Events;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {
    private final JsonNode vector = Events.fixture("http/unsubscribe-token.v1.json");

    @Test
    void tokenMatchesTheContractTestVector() {
        UnsubscribeLinks links = new UnsubscribeLinks(Base64.getUrlDecoder().decode(vector.get("key").asText()),
                "https://tidings.example");

        String token = links.token(UUID.fromString(vector.get("projectId").asText()),
                UUID.fromString(vector.get("contactId").asText()));

        assertThat(token).isEqualTo(vector.get("token").asText()).isNotEqualTo(vector.get("tampered").asText());
    }

    @Test
    void linkIsPublicBaseUrlSlashUSlashToken() {
        UnsubscribeLinks links = new UnsubscribeLinks(UnsubscribeLinks.readKey("classpath:tidings-test-unsubscribe.key"),
                "https://tidings.example/");

        assertThat(links.url(UUID.fromString(vector.get("projectId").asText()),
                UUID.fromString(vector.get("contactId").asText())))
                .isEqualTo("https://tidings.example/u/" + vector.get("token").asText());
    }
}
