package io.tidings.delivery.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Waits and look-ups the delivery tests share. */
public final class DeliveryTest {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private DeliveryTest() {
    }

    /** The first outcome of this status for the recipient, once it is published. */
    public static JsonNode awaitOutcome(UUID recipient, String status) {
        await().atMost(WAIT).until(() -> !outcomes(recipient, status).isEmpty());
        return outcomes(recipient, status).get(0);
    }

    public static List<JsonNode> outcomes(UUID recipient, String status) {
        return TestKafka.outcomes(recipient).stream().filter(o -> status.equals(o.get("status").asText())).toList();
    }
}
