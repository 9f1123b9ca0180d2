package io.tidings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidings.testing.SmtpSinkServer;
import io.tidings.testing.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * delivery-service as a process whose PostgreSQL (the senders' token buckets and the ledger) is reached through a
 * {@link TcpProxy}: while the proxy is cut the pod mails nobody beyond the sends already past their token (fail
 * closed, no local fallback bucket), and once it is restored every recipient is mailed exactly once.
 */
class BucketStoreOutageIT {
    private static final int RATE = 5;
    private static final int BURST = 5;
    private static final int RECIPIENTS = 60;
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /** Sends that had their token (and claim) when the store went away may still reach the peer meanwhile. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private DeliveryHarness harness;
    private SmtpSinkServer sink;
    private TcpProxy database;

    @BeforeEach
    void start() throws Exception {
        harness = DeliveryHarness.start("bucket-store-outage");
        sink = SmtpSinkServer.recording();
        database = TcpProxy.to(harness.database.host(), harness.database.port());
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (database != null) {
            database.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void noMailLeavesWhileTheBucketStoreIsUnreachableAndEveryoneIsMailedOnceAfter() {
        String name = harness.database.name();
        harness.startPod(sink.host(), sink.port(), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + name,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + database.port() + "/" + name));
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        harness.publishControl(project, campaign, RATE, BURST);
        Map<UUID, String> recipients = harness.publishRequests(project, campaign, RECIPIENTS, "outage");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> sink.accepted() >= 15);
        database.cut();
        Instant cutAt = Instant.now();
        int atCut = sink.accepted();
        await("no more than the burst past the cut").during(OUTAGE).atMost(OUTAGE.plusSeconds(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> sink.accepted() <= atCut + BURST);
        Instant restoredAt = Instant.now();
        database.restore();
        long duringOutage = sink.acceptedAt().stream()
                .filter(t -> t.isAfter(cutAt.plus(SETTLE)) && t.isBefore(restoredAt)).count();
        int beforeRestore = (int) sink.acceptedAt().stream().filter(t -> t.isBefore(restoredAt)).count();

        Map<UUID, String> outcomes = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> harness.terminalOutcomes(recipients.keySet()), found -> found.size() == RECIPIENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.recipients().size() == RECIPIENTS);

        Map<String, Integer> received = sink.recipients();
        System.out.printf("bucket store outage: %d at the peer at the cut, %d before the restore (%.1f s later), %d in"
                + " the outage after the first %d s, %d in all%n", atCut, beforeRestore,
                Duration.between(cutAt, restoredAt).toMillis() / 1000.0, duringOutage, SETTLE.toSeconds(),
                received.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(duringOutage).as("mails accepted %s s after the cut and before the restore", SETTLE.toSeconds())
                .isZero();
        assertThat(beforeRestore).isLessThanOrEqualTo(atCut + BURST);
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(recipients.values());
        assertThat(received.values()).as("messages per address at the peer").allMatch(n -> n == 1);
        assertThat(outcomes.values()).as("last outcome per recipient").allMatch("SENT"::equals);
    }
}
