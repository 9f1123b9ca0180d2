package io.tidings.delivery.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code contacts.suppressions} from the beginning on every start (a group id unique to the pod, no commits)
 * into {@link Suppressions}. A record it cannot read goes to {@code contacts.suppressions.dlq}.
 */
@ApplicationScoped
public class SuppressionConsumer {
    public static final String CHANNEL = "contacts-suppressions";

    private final Suppressions suppressions;
    private final ObjectMapper json;

    SuppressionConsumer(Suppressions suppressions, ObjectMapper json) {
        this.suppressions = suppressions;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @NonBlocking
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            suppressions.forget(record.key());
            return;
        }
        SuppressionChanged change = json.readValue(record.value(), SuppressionChanged.class);
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("unusable contacts.suppressions record: " + String.join("; ", problems));
        }
        suppressions.apply(change);
    }
}
