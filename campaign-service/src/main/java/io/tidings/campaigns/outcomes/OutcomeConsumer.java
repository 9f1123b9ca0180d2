package io.tidings.campaigns.outcomes;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.kafka.Channels;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes delivery.outcomes (group campaign-service) into recipient statuses. Unreadable values fail at once and
 * go to delivery.outcomes.dlq; database failures are retried, so an outage delays outcomes but never drops one.
 */
@ApplicationScoped
public class OutcomeConsumer {
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final OutcomeReader reader;
    private final RecipientOutcomes outcomes;
    private final CampaignAnnouncer announcer;

    public OutcomeConsumer(OutcomeReader reader, RecipientOutcomes outcomes, CampaignAnnouncer announcer) {
        this.reader = reader;
        this.outcomes = outcomes;
        this.announcer = announcer;
    }

    @Incoming(Channels.DELIVERY_OUTCOMES)
    public Uni<Void> consume(String value) {
        DeliveryOutcome outcome = reader.read(value);
        return outcomes.apply(outcome)
                .onFailure().invoke(failure -> LOG.warnf("applying outcome %s failed, retrying: %s",
                        outcome.eventId(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(effect -> {
                    if (effect == RecipientOutcomes.Effect.CAMPAIGN_CHANGED) {
                        announcer.announceSoon();
                    }
                })
                .replaceWithVoid();
    }
}
