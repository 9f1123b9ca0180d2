package io.tidings.delivery.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.DeliveryTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.SinkRoutes;
import io.tidings.delivery.support.TestKafka;
import io.tidings.testing.SmtpSinkServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A throttled sender's requests do not hold their Kafka records: those without a token within the request hold
 * are parked in the ledger, untold, and the retry loop mails them, each exactly once.
 */
@DeliveryServiceTest
@TestProfile(ParkingTest.ShortRequestHold.class)
class ParkingTest {
    private static final int RECIPIENTS = 20;

    /** A request waits one second for a token, then is parked. */
    public static class ShortRequestHold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tidings.delivery.rate.request-hold", "1s");
        }
    }

    SmtpSinkServer sink;

    @AfterEach
    void backToGreenMail() {
        SinkRoutes.backToGreenMail(sink);
    }

    @Test
    void requestsWithoutATokenAreParkedUntoldAndEachIsMailedOnceByTheRetryLoop() {
        sink = SinkRoutes.routeTo(SmtpSinkServer.recording());
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        ObjectNode control = Events.withRate(Events.control(project, campaign, "SENDING"), 2, "PT1S", 1);
        Events.publishControl(control);
        List<UUID> recipients = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            UUID recipient = UUID.randomUUID();
            String address = Events.address("parked" + i);
            recipients.add(recipient);
            addresses.add(address);
            requests.add(Map.entry(recipient.toString(),
                    Events.request(project, campaign, recipient, address).toString()));
        }

        TestKafka.sendTogether("delivery.requests", requests);

        await("a parked recipient").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Ledger.count(campaign, "status = 'DEFERRED' AND attempt = 0") > 0);
        await("every recipient mailed").atMost(Duration.ofSeconds(90))
                .until(() -> addresses.stream().allMatch(a -> sink.recipients().containsKey(a)));
        await("every recipient SENT").atMost(Duration.ofSeconds(30))
                .until(() -> Ledger.count(campaign, "status = 'SENT' AND outcome_published") == RECIPIENTS);

        await("every SENT outcome").atMost(Duration.ofSeconds(30)).until(() -> recipients.stream()
                .allMatch(r -> !DeliveryTest.outcomes(r, "SENT").isEmpty()));

        assertThat(addresses).allMatch(a -> sink.recipients().get(a) == 1);
        for (UUID recipient : recipients) {
            List<String> statuses = TestKafka.outcomes(recipient).stream().map(o -> o.get("status").asText())
                    .toList();
            assertThat(statuses).as("outcomes of %s", recipient).doesNotContain("DEFERRED");
        }
        assertThat(Ledger.count(campaign, "attempt = 1")).isEqualTo(RECIPIENTS);
    }
}
