package io.tidings.delivery.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveryDrainTest {

    @Test
    void shutdownWaitsForDeliveriesInFlightAndStartsNoNewOne() throws Exception {
        DeliveryDrain drain = new DeliveryDrain(Duration.ofSeconds(20));
        CompletableFuture<Void> smtpReply = new CompletableFuture<>();
        UniAssertSubscriber<String> inFlight = drain
                .track(() -> Uni.createFrom().completionStage(smtpReply).replaceWith("sent"), () -> held())
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        Thread shutdown = new Thread(() -> drain.onStop(null));
        shutdown.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !drain.accepting());

        assertThat(drain.track(() -> Uni.createFrom().item("sent"), DeliveryDrainTest::held).await().indefinitely())
                .isEqualTo("held");
        assertThat(shutdown.isAlive()).isTrue();

        smtpReply.complete(null);
        shutdown.join(5_000);
        assertThat(shutdown.isAlive()).isFalse();
        inFlight.assertCompleted().assertItem("sent");
    }

    @Test
    void shutdownGivesUpWaitingAfterTheDrainTimeout() throws Exception {
        DeliveryDrain drain = new DeliveryDrain(Duration.ofMillis(200));
        drain.track(() -> Uni.createFrom().<String>nothing(), DeliveryDrainTest::held)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        Thread shutdown = new Thread(() -> drain.onStop(null));
        shutdown.start();
        shutdown.join(5_000);
        assertThat(shutdown.isAlive()).isFalse();
    }

    private static Uni<String> held() {
        return Uni.createFrom().item("held");
    }
}
