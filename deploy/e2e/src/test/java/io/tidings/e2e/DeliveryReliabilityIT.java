package io.tidings.e2e;

import static io.tidings.testing.SmtpSinkServer.mostInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.testing.ServiceProcess;
import io.tidings.testing.SmtpSinkServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * delivery-service as processes (the packaged jar, real Kafka, PostgreSQL and Postfix's smtp-sink): a pod killed
 * with SIGKILL while the SMTP peer holds its transactions open mails nobody twice and leaves UNKNOWN at most the
 * sends that were in flight; and several pods sharing one sender keep its rate, counted where the mail arrives.
 */
class DeliveryReliabilityIT {
    private static final String GROUP = "delivery-service";
    private static final int CONSUMERS_PER_POD = Integer.getInteger("tidings.rate-test.consumers", 2);
    private static DeliveryHarness harness;
    private SmtpSinkServer sink;

    @BeforeAll
    static void infrastructure() throws Exception {
        harness = DeliveryHarness.start("delivery-reliability");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void stopPods() {
        harness.stopPods();
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void podKilledWhileThePeerHoldsTransactionsOpenMailsNobodyTwiceAndUnknownIsBoundedByInFlight() throws Exception {
        // the peer takes 4 s to answer each final dot: sends pile up in flight when the pod dies
        sink = SmtpSinkServer.recording("-W", ".:4");
        ServiceProcess pod = startPod(Map.of());
        UUID campaign = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        harness.publishControl(project, campaign, 1000, 1000);
        int total = 16;
        Map<UUID, String> recipients = harness.publishRequests(project, campaign, total, "killed");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> harness.ledgerCount(campaign, "status = 'CLAIMED'") >= 3);
        pod.kill();
        int inFlight = harness.ledgerCount(campaign, "status = 'CLAIMED'");

        startPod(Map.of());
        Map<UUID, String> outcomes = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> harness.terminalOutcomes(recipients.keySet()), found -> found.size() == total);

        Map<String, Integer> received = sink.recipients();
        assertThat(received.values()).as("messages per address at the peer").allMatch(n -> n == 1);
        long unknown = outcomes.values().stream().filter("UNKNOWN"::equals).count();
        System.out.printf("delivery kill test: %d sends in flight at the kill, %d UNKNOWN, %d messages at the peer%n",
                inFlight, unknown, received.size());
        assertThat(unknown).as("UNKNOWN, with %d sends in flight at the kill", inFlight)
                .isLessThanOrEqualTo(inFlight);
        assertThat(outcomes.values()).allMatch(s -> s.equals("SENT") || s.equals("UNKNOWN"));
        assertThat(outcomes.values().stream().filter("SENT"::equals).count()).isEqualTo(total - unknown);
    }

    /**
     * One, two and four pods sharing one sender at 50/s, burst 50: every 1 s and 10 s window at the peer within
     * rate x window + burst, and the whole send within 1.1 x its ideal time. About 70 s each.
     */
    @ParameterizedTest(name = "{0} pod(s)")
    @ValueSource(ints = {1, 2, 4})
    void podsSharingOneSenderKeepItsRateInEveryWindowAtThePeer(int pods) throws Exception {
        rateHoldsWith(pods);
    }

    private void rateHoldsWith(int podCount) throws Exception {
        int rate = 50;
        int burst = 50;
        int total = Integer.getInteger("tidings.rate-test.recipients", 3000);
        // windows counted by the sink's own clock: on 2 busy cores, this JVM may read the sink's counter late
        sink = SmtpSinkServer.timestamping();
        for (int i = 0; i < podCount; i++) {
            startPod(Map.of("TIDINGS_DELIVERY_CONSUMERS", String.valueOf(CONSUMERS_PER_POD)));
        }
        // the pods' consumers join the group one after another: the send starts once the group settled, so the
        // timing measures the bucket, not a rebalance of pods still starting (scaling out mid-send is another test)
        awaitGroupSettled(podCount * CONSUMERS_PER_POD);
        UUID campaign = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        harness.publishControl(project, campaign, rate, burst);
        harness.publishRequests(project, campaign, total, "rate" + podCount);

        double ideal = (total - burst) / (double) rate;
        await().atMost(Duration.ofSeconds((long) (ideal * 1.5) + 60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.accepted() >= total);
        List<Instant> at = sink.acceptedAt();

        double took = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0;
        int most1 = mostInAnyWindow(at, Duration.ofSeconds(1));
        int most10 = mostInAnyWindow(at, Duration.ofSeconds(10));
        System.out.printf("delivery rate test: %d pod(s), %d recipients at %d/s burst %d: %.2f s (ideal %.2f s, %.3fx),"
                + " most in 1 s %d (bound %d), in 10 s %d (bound %d)%n", podCount, total, rate, burst, took, ideal,
                took / ideal, most1, rate + burst, most10, 10 * rate + burst);
        List<Instant> read = sink.countedAt();
        System.out.printf("delivery rate test: %d pod(s), as this JVM read the sink's counter: most in 1 s %d,"
                + " in 10 s %d%n", podCount, mostInAnyWindow(read, Duration.ofSeconds(1)),
                mostInAnyWindow(read, Duration.ofSeconds(10)));

        assertThat(at).hasSize(total);
        assertThat(most1).isLessThanOrEqualTo(rate + burst);
        assertThat(most10).isLessThanOrEqualTo(10 * rate + burst);
        assertThat(took).as("seconds from first to last send, ideal %.1f", ideal).isLessThanOrEqualTo(ideal * 1.1);
    }

    private static void awaitGroupSettled(int members) {
        String servers = harness.kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            await("consumer group " + GROUP + " stable with " + members + " members").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups().get(GROUP).get(10, TimeUnit.SECONDS);
                        int assigned = group.members().stream()
                                .mapToInt(member -> member.assignment().topicPartitions().size()).sum();
                        return group.groupState() == GroupState.STABLE && group.members().size() == members
                                && assigned == DeliveryHarness.REQUEST_PARTITIONS;
                    });
        }
    }

    private ServiceProcess startPod(Map<String, String> extra) {
        return harness.startPod(sink.host(), sink.port(), extra);
    }
}
