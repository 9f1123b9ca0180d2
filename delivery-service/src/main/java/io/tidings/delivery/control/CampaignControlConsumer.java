package io.tidings.delivery.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code campaign.control} from the beginning on every start (a group id unique to the pod, no commits)
 * into {@link CampaignControls}. A record it cannot read goes to {@code campaign.control.dlq}.
 */
@ApplicationScoped
public class CampaignControlConsumer {
    public static final String CHANNEL = "campaign-control";
    private static final Logger LOG = Logger.getLogger(CampaignControlConsumer.class);

    private final CampaignControls controls;
    private final ObjectMapper json;

    CampaignControlConsumer(CampaignControls controls, ObjectMapper json) {
        this.controls = controls;
        this.json = json;
    }

    // a map update: no need for a worker thread
    @Incoming(CHANNEL)
    @NonBlocking
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            controls.forget(UUID.fromString(record.key()));
            return;
        }
        CampaignControl control = json.readValue(record.value(), CampaignControl.class);
        List<String> problems = control.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("unusable campaign.control record: " + String.join("; ", problems));
        }
        LOG.debugf("campaign %s is %s", control.campaignId(), control.state());
        controls.update(control);
    }
}
