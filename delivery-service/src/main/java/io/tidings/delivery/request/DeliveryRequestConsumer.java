package io.tidings.delivery.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.lifecycle.DeliveryDrain;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code delivery.requests} one at a time per channel; a request is acknowledged once its outcome is
 * recorded and published. One that cannot be delivered (unreadable, unknown version, no control record within the
 * wait) fails to {@code delivery.requests.dlq}. After shutdown began, requests are left unacknowledged.
 */
@ApplicationScoped
public class DeliveryRequestConsumer {
    public static final String CHANNEL = "delivery-requests";

    private final RequestTriage triage;
    private final DeliveryDrain drain;
    private final ObjectMapper json;

    DeliveryRequestConsumer(RequestTriage triage, DeliveryDrain drain, ObjectMapper json) {
        this.triage = triage;
        this.drain = drain;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String value) {
        return drain.track(
                () -> Uni.createFrom().item(() -> read(value)).chain(triage::handle),
                () -> Uni.createFrom().nothing());
    }

    private DeliveryRequest read(String value) {
        if (value == null) {
            throw new UndeliverableRequest("a delivery request without a value");
        }
        DeliveryRequest request;
        try {
            request = json.readValue(value, DeliveryRequest.class);
        } catch (JsonProcessingException e) {
            throw new UndeliverableRequest("not a readable DeliveryRequested event: " + e.getOriginalMessage());
        }
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new UndeliverableRequest("unusable DeliveryRequested event: " + String.join("; ", problems));
        }
        return request;
    }
}
