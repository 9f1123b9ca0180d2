package io.tidings.delivery.rate;

import static io.tidings.testing.SmtpSinkServer.mostInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.SinkRoutes;
import io.tidings.testing.SmtpSinkServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sender's rate and burst hold at the SMTP peer: counted where the mail arrives, in every window. */
@DeliveryServiceTest
class SenderRateTest {
    // modest, so that the pipeline keeps up even on a loaded 2-core machine; the 50/s, 3,000-recipient run with
    // several delivery processes is the process-level test's and the benchmark's
    private static final int RATE = 20;
    private static final int BURST = 10;
    private static final int RECIPIENTS = 110;

    SmtpSinkServer sink;

    @AfterEach
    void backToGreenMail() {
        SinkRoutes.backToGreenMail(sink);
    }

    @Test
    void sendsAtMostRateTimesWindowPlusBurstInEveryWindowAndTakesAboutTheIdealTime() {
        sink = SinkRoutes.routeTo(SmtpSinkServer.counting());
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        ObjectNode control = Events.withRate(Events.control(project, campaign, "SENDING"), RATE, "PT1S", BURST);
        Events.publishControl(control);
        for (int i = 0; i < RECIPIENTS; i++) {
            Events.publishRequest(Events.request(project, campaign, UUID.randomUUID(), Events.address("r" + i)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sink.accepted() >= RECIPIENTS);
        List<Instant> at = sink.acceptedAt();

        assertThat(at).hasSize(RECIPIENTS);
        assertThat(mostInAnyWindow(at, Duration.ofSeconds(1))).isLessThanOrEqualTo(RATE + BURST);
        assertThat(mostInAnyWindow(at, Duration.ofSeconds(2))).isLessThanOrEqualTo(2 * RATE + BURST);
        double ideal = (RECIPIENTS - BURST) / (double) RATE;
        double took = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0;
        assertThat(took).as("seconds from first to last send").isGreaterThanOrEqualTo(ideal * 0.95)
                .isLessThanOrEqualTo(ideal * 1.1 + 0.5);
    }
}
