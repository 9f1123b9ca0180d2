package io.tidings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.testing.ServiceProcess;
import io.tidings.testing.SmtpSinkServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery pod stopped with SIGTERM while the SMTP peer holds its transactions open (as Kubernetes stops a pod)
 * exits by itself within its drain timeout, leaving no claim behind: every send in flight was finished (SENT) or
 * released; a fresh pod then sends the rest, and every recipient is mailed exactly once, none UNKNOWN.
 */
class DeliveryShutdownIT {
    private static final int RECIPIENTS = 60;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** Quarkus's own shutdown after the drain (channels, clients, pools). */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(10);

    private DeliveryHarness harness;
    private SmtpSinkServer sink;

    @BeforeEach
    void start() throws Exception {
        harness = DeliveryHarness.start("delivery-shutdown");
        // the peer takes 3 s to answer each final dot: sends are in flight when the pod is told to stop
        sink = SmtpSinkServer.recording("-W", ".:3");
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void podStoppedMidSendDrainsExitsAndLeavesNothingUnknown() {
        Map<String, String> env = Map.of("TIDINGS_DELIVERY_DRAIN_TIMEOUT", DRAIN_TIMEOUT.toSeconds() + "s");
        ServiceProcess pod = harness.startPod(sink.host(), sink.port(), env);
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        harness.publishControl(project, campaign, 1000, 1000);
        Map<UUID, String> recipients = harness.publishRequests(project, campaign, RECIPIENTS, "drained");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> harness.ledgerCount(campaign, "status = 'CLAIMED'") >= 3);
        int inFlight = harness.ledgerCount(campaign, "status = 'CLAIMED'");
        int acceptedBefore = sink.accepted();

        long stopAt = System.nanoTime();
        ProcessHandle.of(pod.pid()).ifPresent(ProcessHandle::destroy); // SIGTERM
        await("the pod exits by itself (log: " + pod.log() + ")").atMost(DRAIN_TIMEOUT.plus(SHUTDOWN_MARGIN))
                .pollInterval(Duration.ofMillis(100)).until(() -> !pod.isAlive());
        double exitedAfter = (System.nanoTime() - stopAt) / 1e9;
        int claimedLeft = harness.ledgerCount(campaign, "status = 'CLAIMED'");
        int acceptedByFirstPod = sink.accepted();

        harness.startPod(sink.host(), sink.port(), env);
        Map<UUID, String> outcomes = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> harness.terminalOutcomes(recipients.keySet()), found -> found.size() == RECIPIENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.recipients().size() == RECIPIENTS);

        Map<String, Integer> received = sink.recipients();
        long unknown = harness.outcomes(recipients.keySet()).values().stream().flatMap(List::stream)
                .filter("UNKNOWN"::equals).count();
        System.out.printf("delivery shutdown test: %d claimed and %d at the peer at SIGTERM; exited after %.1f s"
                + " leaving %d claimed, %d at the peer; %d at the peer in all, %d UNKNOWN%n", inFlight,
                acceptedBefore, exitedAfter, claimedLeft, acceptedByFirstPod, received.size(), unknown);
        assertThat(acceptedBefore).as("mails at the peer when the pod was stopped").isLessThan(RECIPIENTS);
        assertThat(claimedLeft).as("claims left by the stopped pod (they would settle UNKNOWN)").isZero();
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(recipients.values());
        assertThat(received.values()).as("messages per address at the peer").allMatch(n -> n == 1);
        assertThat(unknown).as("UNKNOWN outcomes, replies %s", harness.replies(recipients.keySet(), "UNKNOWN"))
                .isZero();
        assertThat(outcomes.values()).as("last outcome per recipient").allMatch("SENT"::equals);
    }
}
