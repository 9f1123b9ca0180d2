package io.tidings.delivery.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consumer side of {@code delivery.requests}: our record reads the contract's fixture, tolerantly. */
@DeliveryServiceTest
class DeliveryRequestContractTest {
    @Inject
    ObjectMapper json;

    @Test
    void readsTheFixture() throws Exception {
        DeliveryRequest request = json.readValue(Events.fixture("delivery.requests/v1.json").toString(),
                DeliveryRequest.class);

        assertThat(request.problems()).isEmpty();
        assertThat(request.eventId()).isEqualTo(UUID.fromString("0b8f6a52-3c1e-4f57-9d0a-5e2c1f9a7b31"));
        assertThat(request.projectId()).isEqualTo(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"));
        assertThat(request.occurredAt()).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
        assertThat(request.recipientId()).isEqualTo(UUID.fromString("a3b1c2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
        assertThat(request.campaignId()).isEqualTo(UUID.fromString("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"));
        assertThat(request.contactId()).isEqualTo(UUID.fromString("d4c3b2a1-f6e5-4b7a-9d8c-5d4c3b2a1f0e"));
        assertThat(request.email()).isEqualTo("Anna.Schmidt@Bücher.example");
        assertThat(request.normalizedEmail()).isEqualTo("anna.schmidt@xn--bcher-kva.example");
        assertThat(request.firstName()).isEqualTo("Anna");
        assertThat(request.lastName()).isEqualTo("Schmidt");
        assertThat(request.fields()).isEqualTo(Map.of("city", "Berlin"));
        assertThat(request.generation()).isEqualTo(1);
    }

    @Test
    void ignoresUnknownFieldsAndToleratesAbsentOptionalOnes() throws Exception {
        ObjectNode node = Events.fixture("delivery.requests/v1.json");
        node.put("priority", "high");
        node.remove("firstName");
        node.remove("fields");

        DeliveryRequest request = json.readValue(node.toString(), DeliveryRequest.class);
        assertThat(request.problems()).isEmpty();
        assertThat(request.firstName()).isNull();
        assertThat(request.fieldsOrEmpty()).isEmpty();
    }

    @Test
    void namesWhatMakesARequestUnusable() throws Exception {
        ObjectNode node = Events.fixture("delivery.requests/v1.json");
        node.remove("recipientId");
        node.put("generation", 0);
        node.put("version", 2);

        assertThat(json.readValue(node.toString(), DeliveryRequest.class).problems()).containsExactly(
                "version 2 is not 1", "recipientId is missing", "generation 0 is not a positive integer");
    }
}
