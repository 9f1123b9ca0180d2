package io.tidings.delivery.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.SmtpRouteResource;
import io.tidings.delivery.support.TestTopics;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.tidings.testing.SmtpSinkServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sender's rate and burst hold at the SMTP peer: counted where the mail arrives, in every window. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = TestTopics.PRECREATED))
@WithTestResource(value = SmtpRouteResource.class, scope = TestResourceScope.GLOBAL)
class SenderRateTest {
    // modest, so that the pipeline keeps up even on a loaded 2-core machine; the 50/s, 3,000-recipient run with
    // several delivery processes is the process-level test's and the benchmark's
    private static final int RATE = 20;
    private static final int BURST = 10;
    private static final int RECIPIENTS = 110;

    SmtpSinkServer sink;

    @AfterEach
    void backToGreenMail() {
        SmtpRouteResource.routeToGreenMail();
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void sendsAtMostRateTimesWindowPlusBurstInEveryWindowAndTakesAboutTheIdealTime() {
        sink = SmtpSinkServer.counting();
        SmtpRouteResource.routeTo(sink.host(), sink.port());
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

    /** The most sends in any window [t, t + w) that starts at a send. */
    static int mostInAnyWindow(List<Instant> sorted, Duration window) {
        int most = 0;
        for (int first = 0, last = 0; first < sorted.size(); first++) {
            Instant end = sorted.get(first).plus(window);
            while (last < sorted.size() && sorted.get(last).isBefore(end)) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }
}
