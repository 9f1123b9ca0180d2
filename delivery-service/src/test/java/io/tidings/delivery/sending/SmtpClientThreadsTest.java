package io.tidings.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.delivery.support.DeliveryServiceTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each SMTP client is driven from a context on an event loop of its own: the pod's sending (composing, MIME encoding,
 * SMTP I/O) spreads over as many threads as it has clients. Contexts taken in turn from the loop group landed two
 * clients on one loop, since building a mail client takes a loop in between; one thread then did all the sending.
 */
@DeliveryServiceTest
class SmtpClientThreadsTest {
    @Inject
    SmtpTransport transport;

    @Test
    void everyClientHasAnEventLoopOfItsOwn() {
        List<String> threads = transport.clientThreads().await().atMost(Duration.ofSeconds(10));

        assertThat(threads).as("the clients' threads").hasSizeGreaterThanOrEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()))
                .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"))
                .doesNotHaveDuplicates();
    }
}
