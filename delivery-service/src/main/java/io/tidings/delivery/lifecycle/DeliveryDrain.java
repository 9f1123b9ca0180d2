package io.tidings.delivery.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown of deliveries: once the application stops, no new delivery starts (its request stays
 * unacknowledged, so Kafka hands it to another pod), and shutdown waits, boundedly, for those in flight.
 */
@ApplicationScoped
public class DeliveryDrain {
    private static final Logger LOG = Logger.getLogger(DeliveryDrain.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final Duration timeout;
    private volatile boolean draining;

    @Inject
    DeliveryDrain(DeliveryConfig config) {
        this(config.drainTimeout());
    }

    DeliveryDrain(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs the work, counted as in flight, unless shutdown began: then it runs {@code instead}. */
    public <T> Uni<T> track(Supplier<Uni<T>> work, Supplier<Uni<T>> instead) {
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            if (draining) {
                finished();
                return instead.get();
            }
            return work.get().onTermination().invoke(this::finished);
        });
    }

    public boolean accepting() {
        return !draining;
    }

    // before the messaging channels, the mailer and the database pool are closed (they close with the beans)
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("deliveries drained");
        } catch (TimeoutException e) {
            LOG.warnf("%d deliveries still in flight after %s; their claims will settle as UNKNOWN", inFlight.get(),
                    timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }
}
