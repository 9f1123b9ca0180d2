package io.tidings.contacts.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a delivery.outcomes value; one that cannot be trusted is a {@link PoisonOutcome}, bound for the DLQ. */
@ApplicationScoped
public class OutcomeReader {
    static final int VERSION = 1;

    private final ObjectMapper json;

    public OutcomeReader(ObjectMapper json) {
        this.json = json;
    }

    public DeliveryOutcome read(String value) {
        if (value == null) {
            throw new PoisonOutcome("a delivery outcome without a value");
        }
        DeliveryOutcome outcome;
        try {
            outcome = json.readValue(value, DeliveryOutcome.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonOutcome("not a readable DeliveryOutcome: " + e.getMessage());
        }
        if (outcome == null || outcome.version() == null || outcome.version() != VERSION) {
            throw new PoisonOutcome("unknown version " + (outcome == null ? null : outcome.version()));
        }
        if (outcome.hardBounce() && (outcome.projectId() == null
                || outcome.contactId() == null && outcome.normalizedEmail() == null)) {
            throw new PoisonOutcome("a bounce needs projectId and contactId or normalizedEmail");
        }
        return outcome;
    }

    /** An outcome that no retry can make readable. */
    public static class PoisonOutcome extends RuntimeException {
        PoisonOutcome(String message) {
            super(message);
        }
    }
}
