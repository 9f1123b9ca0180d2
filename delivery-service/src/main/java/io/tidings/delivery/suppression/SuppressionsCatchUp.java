package io.tidings.delivery.suppression;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.tidings.delivery.kafka.Topics;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tells {@link Suppressions} when this pod has read {@code contacts.suppressions} up to the end offsets it had when
 * the pod started: until then no delivery starts, so a suppressed address is never mailed for want of reading.
 */
@ApplicationScoped
public class SuppressionsCatchUp {
    private static final Logger LOG = Logger.getLogger(SuppressionsCatchUp.class);
    private static final long EVERY_MS = 100;

    private final KafkaClientService kafka;
    private final Suppressions suppressions;
    private final Vertx vertx;
    private final AtomicReference<Map<TopicPartition, Long>> ends = new AtomicReference<>();

    SuppressionsCatchUp(KafkaClientService kafka, Suppressions suppressions, Vertx vertx) {
        this.kafka = kafka;
        this.suppressions = suppressions;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setPeriodic(EVERY_MS, timer -> kafka.<String, String>getConsumer(SuppressionConsumer.CHANNEL)
                .runOnPollingThread(this::caughtUp)
                .subscribe().with(done -> {
                    if (done && !suppressions.isReady()) {
                        vertx.cancelTimer(timer);
                        LOG.infof("contacts.suppressions read up to %s", ends.get());
                        suppressions.caughtUp();
                    }
                }, failure -> LOG.debugf("suppressions not caught up yet: %s", failure)));
    }

    private boolean caughtUp(Consumer<String, String> consumer) {
        if (ends.get() == null) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS_SUPPRESSIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            ends.set(consumer.endOffsets(partitions));
        }
        if (!consumer.assignment().containsAll(ends.get().keySet())) {
            return false;
        }
        return ends.get().entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
