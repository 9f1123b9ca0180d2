package io.tidings.campaigns.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.testing.Contracts;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutcomeReaderTest {
    private final OutcomeReader reader = new OutcomeReader(new ObjectMapper());

    @Test
    void readsTheSentFixture() {
        DeliveryOutcome sent = reader.read(Contracts.fixture("delivery.outcomes/v1-sent.json"));
        assertThat(sent.status()).isEqualTo(OutcomeStatus.SENT);
        assertThat(sent.recipientId()).isEqualTo(UUID.fromString("a3b1c2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
        assertThat(sent.campaignId()).isEqualTo(UUID.fromString("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"));
        assertThat(sent.projectId()).isEqualTo(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"));
        assertThat(sent.generation()).isEqualTo(1);
        assertThat(sent.attempt()).isEqualTo(1);
        assertThat(sent.smtpCode()).isEqualTo(250);
        assertThat(sent.enhancedCode()).isEqualTo("2.0.0");
        assertThat(sent.messageId()).isEqualTo("<a3b1c2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.1@tidings.local>");
        assertThat(sent.normalizedEmail()).isEqualTo("anna.schmidt@xn--bcher-kva.example");
    }

    @Test
    void readsTheBouncedAndDeferredFixtures() {
        DeliveryOutcome bounced = reader.read(Contracts.fixture("delivery.outcomes/v1-bounced.json"));
        assertThat(bounced.status()).isEqualTo(OutcomeStatus.BOUNCED);
        assertThat(bounced.smtpReply()).startsWith("550 5.1.1");
        assertThat(bounced.messageId()).isNull();
        DeliveryOutcome deferred = reader.read(Contracts.fixture("delivery.outcomes/v1-deferred.json"));
        assertThat(deferred.status()).isEqualTo(OutcomeStatus.DEFERRED);
        assertThat(deferred.attempt()).isEqualTo(2);
        assertThat(deferred.nextAttemptAt()).isEqualTo("2026-11-28T10:25:33.001Z");
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String withExtra = Contracts.fixture("delivery.outcomes/v1-sent.json")
                .replaceFirst("\\{", "{\"relay\": {\"host\": \"smtp.example\"}, \"podName\": \"delivery-3\",");
        assertThat(reader.read(withExtra).status()).isEqualTo(OutcomeStatus.SENT);
    }

    @Test
    void refusesAnUnknownVersionOrStatus() {
        String sent = Contracts.fixture("delivery.outcomes/v1-sent.json");
        assertThatThrownBy(() -> reader.read(sent.replace("\"version\": 1", "\"version\": 2")))
                .isInstanceOf(OutcomeReader.PoisonOutcome.class).hasMessageContaining("version");
        assertThatThrownBy(() -> reader.read(sent.replace("\"SENT\"", "\"DELIVERED\"")))
                .isInstanceOf(OutcomeReader.PoisonOutcome.class);
        assertThatThrownBy(() -> reader.read("not json")).isInstanceOf(OutcomeReader.PoisonOutcome.class);
    }
}
