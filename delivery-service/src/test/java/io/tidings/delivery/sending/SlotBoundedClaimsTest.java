package io.tidings.delivery.sending;

import static io.tidings.delivery.support.DeliveryTest.awaitOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.Ledger;
import io.tidings.delivery.support.SinkRoutes;
import io.tidings.testing.SmtpSinkServer;
import io.tidings.delivery.support.TestKafka;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A recipient is claimed only once its send has a slot on an SMTP client: with a slow server and many more requests
 * than slots, the claims open at any moment never outnumber the slots. A pod killed then leaves at most that many
 * UNKNOWN, not everything it had read from Kafka.
 */
@DeliveryServiceTest
class SlotBoundedClaimsTest {
    private static final int RECIPIENTS = 120;

    @Inject
    SmtpTransport transport;

    SmtpSinkServer sink;

    @AfterEach
    void backToGreenMail() {
        SinkRoutes.backToGreenMail(sink);
    }

    @Test
    void claimsOpenAtOnceNeverOutnumberTheSlots() {
        // every final dot answered after a second: sends pile up behind the slots
        sink = SinkRoutes.routeTo(SmtpSinkServer.counting("-W", ".:1"));
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        List<UUID> recipients = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            UUID recipient = UUID.randomUUID();
            recipients.add(recipient);
            records.add(Map.entry(recipient.toString(),
                    Events.request(project, campaign, recipient, Events.address("slot" + i)).toString()));
        }

        TestKafka.sendTogether("delivery.requests", records);

        AtomicInteger mostClaimed = new AtomicInteger();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            mostClaimed.accumulateAndGet(Ledger.count(campaign, "status = 'CLAIMED'"), Math::max);
            return Ledger.count(campaign, "status = 'SENT'") == RECIPIENTS;
        });
        recipients.forEach(recipient -> awaitOutcome(recipient, "SENT"));
        assertThat(transport.slots()).isLessThan(RECIPIENTS / 2);
        assertThat(mostClaimed.get()).as("claims open at once (slots: %d)", transport.slots())
                .isPositive().isLessThanOrEqualTo(transport.slots());
        assertThat(sink.accepted()).isEqualTo(RECIPIENTS);
    }
}
