package io.tidings.contacts.suppression;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.kafka.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes delivery.outcomes (group contacts-service): a hard bounce (5.1.x) marks the contact BOUNCED and
 * announces the suppression. Unreadable values go to delivery.outcomes.dlq; database failures are retried, so an
 * outage delays a suppression but never drops one. Redelivery is harmless: the change is idempotent.
 */
@ApplicationScoped
public class BounceConsumer {
    private static final Logger LOG = Logger.getLogger(BounceConsumer.class);

    private final OutcomeReader reader;
    private final StatusChanges changes;

    public BounceConsumer(OutcomeReader reader, StatusChanges changes) {
        this.reader = reader;
        this.changes = changes;
    }

    @Incoming(Channels.DELIVERY_OUTCOMES)
    public Uni<Void> consume(String value) {
        DeliveryOutcome outcome = reader.read(value);
        if (!outcome.hardBounce()) {
            return Uni.createFrom().voidItem();
        }
        return changes.bounce(outcome)
                .onFailure().invoke(failure -> LOG.warnf("applying bounce %s failed, retrying: %s",
                        outcome.eventId(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(changed -> LOG.debugf("bounce %s %s", outcome.eventId(), changed ? "suppressed the contact" : "changed nothing"))
                .replaceWithVoid();
    }
}
