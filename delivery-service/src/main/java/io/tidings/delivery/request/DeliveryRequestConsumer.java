package io.tidings.delivery.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.control.UnknownCampaign;
import io.tidings.delivery.lifecycle.DeliveryDrain;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code delivery.requests} in batches (one poll, at most {@code max.poll.records}, per consumer at a time;
 * {@code concurrency} consumers per pod): every record of a batch runs its own delivery at once, and the batch is
 * acknowledged once every record is settled (sent, recorded and published; answered untried; parked in the ledger;
 * or dead-lettered). A record that cannot be delivered (unreadable, unknown version, another project's campaign,
 * no control record within the wait) goes to {@code delivery.requests.dlq} alone, with its reason. After shutdown
 * began no record starts: the batch stays unacknowledged, so Kafka hands its records to another pod.
 */
@ApplicationScoped
public class DeliveryRequestConsumer {
    public static final String CHANNEL = "delivery-requests";
    private static final Logger LOG = Logger.getLogger(DeliveryRequestConsumer.class);
    private static final Boolean SETTLED = Boolean.TRUE;
    private static final Boolean LEFT = Boolean.FALSE;

    private final RequestTriage triage;
    private final DeliveryDrain drain;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    DeliveryRequestConsumer(RequestTriage triage, DeliveryDrain drain, DeadLetters deadLetters, ObjectMapper json) {
        this.triage = triage;
        this.drain = drain;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Uni<Void>> deliveries = new ArrayList<>(records.count());
        records.forEach(record -> deliveries.add(deliver(record)));
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(deliveries).andCollectFailures().replaceWithVoid();
    }

    // the delivery ends, for the drain, once settled or left; a record left by shutdown never completes, so its
    // batch stays unacknowledged and Kafka hands it to another pod
    private Uni<Void> deliver(ConsumerRecord<String, String> record) {
        return drain.track(
                () -> Uni.createFrom().item(() -> read(record.value())).chain(triage::handle).replaceWith(SETTLED)
                        // the database or Kafka out of reach for longer than a statement's own retries is no fault
                        // of the record: it is handled again (from the ledger's word: nothing claimed is sent twice)
                        // until it settles or shutdown begins, never dead-lettered for it
                        .onFailure(this::worthWaitingOut).invoke(failure -> LOG.warnf(
                                "request %s-%d@%d waits for the database or Kafka: %s", record.topic(),
                                record.partition(), record.offset(), failure.toString()))
                        .onFailure(this::worthWaitingOut).retry()
                        .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                        .onFailure().recoverWithUni(failure -> deadLetter(record, failure)),
                () -> Uni.createFrom().item(LEFT))
                .chain(settled -> settled ? Uni.createFrom().voidItem() : Uni.createFrom().nothing());
    }

    private boolean worthWaitingOut(Throwable failure) {
        return unreachable(failure) && drain.accepting();
    }

    /** A failure to reach the database or the broker (refused, closed, timed out), not a fault of the record. */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof ClosedConnectionException
                    || cause instanceof NoStackTraceTimeoutException || cause instanceof TimeoutException
                    || cause instanceof RetriableException
                    || cause instanceof PgException pg && pg.getSqlState() != null
                            && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                                    || pg.getSqlState().startsWith("53"))) {
                return true;
            }
        }
        return false;
    }

    private Uni<Boolean> deadLetter(ConsumerRecord<String, String> record, Throwable failure) {
        if (!drain.accepting()) {
            // a failure while shutting down (stopped before its claim, or the pool closing under a late send) is no
            // reason to dead-letter: left unacknowledged
            LOG.debugf("request %s-%d@%d interrupted by shutdown: %s", record.topic(), record.partition(),
                    record.offset(), failure);
            return Uni.createFrom().item(LEFT);
        }
        if (failure instanceof UndeliverableRequest || failure instanceof UnknownCampaign) {
            LOG.debugf("request %s-%d@%d dead-lettered: %s", record.topic(), record.partition(), record.offset(),
                    failure.getMessage());
        } else {
            LOG.warnf(failure, "request %s-%d@%d failed, dead-lettered", record.topic(), record.partition(),
                    record.offset());
        }
        return deadLetters.send(record, failure).replaceWith(SETTLED);
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
