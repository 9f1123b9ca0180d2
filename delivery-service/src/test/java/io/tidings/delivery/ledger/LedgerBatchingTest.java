package io.tidings.delivery.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.tidings.delivery.outcome.DeliveryStatus;
import io.tidings.delivery.request.DeliveryRequest;
import io.tidings.delivery.sending.SmtpReply;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.testing.GenericPlan;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ledger's batched statements against the real database: every row of a batch gets its own, right answer. */
@DeliveryServiceTest
class LedgerBatchingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    DeliveryLedger ledger;

    final UUID project = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();

    @Test
    void itemsSubmittedWhileAStatementRunsShareTheNextAndEachGetsItsOwnAnswer() {
        AtomicInteger statements = new AtomicInteger();
        StatementBatcher<Integer, Integer> doubling = new StatementBatcher<>(100, 1, items -> {
            statements.incrementAndGet();
            return pool.preparedQuery("SELECT x * 2 AS doubled FROM unnest($1::int4[]) WITH ORDINALITY AS u(x, i)"
                    + " ORDER BY i").execute(Tuple.of(items.toArray(Integer[]::new)))
                    .map(rows -> {
                        List<Integer> answers = new ArrayList<>();
                        rows.forEach(row -> answers.add(row.getInteger("doubled")));
                        return answers;
                    });
        });

        List<Integer> answers = Uni.join().all(IntStream.range(0, 1000).mapToObj(doubling::submit).toList())
                .andFailFast().await().atMost(WAIT);

        assertThat(answers).isEqualTo(IntStream.range(0, 1000).map(i -> i * 2).boxed().toList());
        assertThat(statements.get()).as("statements for 1,000 items, 100 rows at most each")
                .isBetween(10, 999);
    }

    @Test
    void concurrentClaimsAreEachAnsweredAndTheSameRecipientTwiceIsClaimedOnce() {
        List<DeliveryRequest> requests = IntStream.range(0, 300).mapToObj(i -> request(UUID.randomUUID())).toList();
        List<DeliveryRequest> all = new ArrayList<>(requests);
        all.add(requests.get(7)); // a redelivery within the same batch
        List<UUID> claimIds = all.stream().map(r -> UUID.randomUUID()).toList();

        List<LedgerEntry> claimed = Uni.join().all(IntStream.range(0, all.size())
                        .mapToObj(i -> ledger.claim(all.get(i), claimIds.get(i), "<m" + i + "@tidings.example>"))
                        .toList())
                .andFailFast().await().atMost(WAIT);

        for (int i = 0; i < requests.size(); i++) {
            if (i == 7) {
                continue;
            }
            assertThat(claimed.get(i).recipientId()).isEqualTo(requests.get(i).recipientId());
            assertThat(claimed.get(i).claimId()).isEqualTo(claimIds.get(i));
            assertThat(claimed.get(i).status()).isEqualTo(LedgerStatus.CLAIMED);
            assertThat(claimed.get(i).messageId()).isEqualTo("<m" + i + "@tidings.example>");
            assertThat(claimed.get(i).fields()).isEqualTo(Map.of("city", "Berlin"));
        }
        assertThat(java.util.Arrays.asList(claimed.get(7), claimed.get(all.size() - 1)))
                .as("the same recipient and generation twice: one claim").containsOnlyOnce((LedgerEntry) null);
        LedgerEntry again = ledger.claim(requests.get(0), UUID.randomUUID(), "<x@tidings.example>")
                .await().atMost(WAIT);
        assertThat(again).as("a claim of a row that exists").isNull();
    }

    @Test
    void concurrentRecordsAreMatchedToTheirRowsAndALostClaimIsAnsweredAsLost() {
        List<LedgerEntry> claimed = claimFresh(200, "r");
        List<SmtpReply> replies = IntStream.range(0, 200).mapToObj(i -> i % 3 == 0
                ? new SmtpReply(DeliveryStatus.BOUNCED, 550, "5.1.1", "550 5.1.1 no such user " + i)
                : new SmtpReply(DeliveryStatus.SENT, 250, null, "ok " + i)).toList();
        LedgerEntry lost = withClaim(claimed.get(5), UUID.randomUUID());

        List<Uni<LedgerEntry>> records = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            records.add(ledger.record(i == 5 ? lost : claimed.get(i), replies.get(i), null, false));
        }
        List<LedgerEntry> recorded = Uni.join().all(records).andFailFast().await().atMost(WAIT);

        assertThat(recorded.get(5)).as("a claim that is not the row's").isNull();
        for (int i = 0; i < claimed.size(); i++) {
            if (i == 5) {
                continue;
            }
            assertThat(recorded.get(i).recipientId()).isEqualTo(claimed.get(i).recipientId());
            assertThat(recorded.get(i).status().name()).isEqualTo(replies.get(i).status().name());
            assertThat(recorded.get(i).smtpReply()).isEqualTo(replies.get(i).text());
        }
        LedgerEntry found = ledger.find(project, claimed.get(5).recipientId(), 1).await().atMost(WAIT);
        assertThat(found.status()).as("the row whose claim was not ours").isEqualTo(LedgerStatus.CLAIMED);
    }

    @Test
    void concurrentFindsAnswerEachLookupAndNoneAcrossProjects() {
        List<LedgerEntry> claimed = claimFresh(50, "f");
        List<Uni<LedgerEntry>> finds = new ArrayList<>();
        claimed.forEach(e -> finds.add(ledger.find(project, e.recipientId(), 1)));
        finds.add(10, ledger.find(UUID.randomUUID(), claimed.get(0).recipientId(), 1));
        finds.add(20, ledger.find(project, UUID.randomUUID(), 1));

        List<LedgerEntry> found = Uni.join().all(finds).andFailFast().await().atMost(WAIT);

        assertThat(found.get(10)).as("another project's lookup").isNull();
        assertThat(found.get(20)).as("a recipient without a row").isNull();
        List<LedgerEntry> rows = new ArrayList<>(found);
        rows.remove(20);
        rows.remove(10);
        assertThat(rows.stream().map(LedgerEntry::recipientId).toList())
                .isEqualTo(claimed.stream().map(LedgerEntry::recipientId).toList());
    }

    /**
     * The batched statements look their rows up by key in this service's sessions, whatever PostgreSQL knows of the
     * ledger. PostgreSQL keeps a generic plan for a statement prepared on a connection (after five runs); made here,
     * for a small ledger without statistics, it would scan the whole table and hash-join the batch to it, at every
     * batch, for as long as the connection lives.
     */
    @Test
    void genericPlansOfTheBatchedStatementsLookRowsUpByKey() {
        Map<String, Integer> parameters = Map.of(DeliveryLedger.FIND, 2, DeliveryLedger.CLAIM, 12,
                DeliveryLedger.PARK, 12, DeliveryLedger.RECORD, 9, DeliveryLedger.MARK_PUBLISHED, 4,
                DeliveryLedger.SUPERSEDE, 2);
        parameters.forEach((sql, count) -> assertThat(genericPlan(sql, count)).as(sql)
                .doesNotContain("Seq Scan on ledger").doesNotContain("Hash Join").doesNotContain("Merge Join"));
    }

    // the plan PostgreSQL would keep for the statement on one of the service's connections
    private String genericPlan(String sql, int parameterCount) {
        RowSet<Row> sets = pool.query(GenericPlan.explain(sql, parameterCount)).execute().await().atMost(WAIT);
        StringBuilder plan = new StringBuilder();
        for (RowSet<Row> set = sets; set != null; set = set.next()) {
            if (set.columnsNames() != null && set.columnsNames().contains(GenericPlan.COLUMN)) {
                set.forEach(row -> plan.append(row.getString(0)).append('\n'));
            }
        }
        return plan.toString();
    }

    // claims this many new recipients at once (batched together), answered in order
    private List<LedgerEntry> claimFresh(int count, String messagePrefix) {
        return Uni.join().all(IntStream.range(0, count)
                        .mapToObj(i -> ledger.claim(request(UUID.randomUUID()), UUID.randomUUID(),
                                "<" + messagePrefix + i + ">"))
                        .toList())
                .andFailFast().await().atMost(WAIT);
    }

    private DeliveryRequest request(UUID recipient) {
        return new DeliveryRequest(1, UUID.randomUUID(), DeliveryRequest.TYPE, project, Instant.now(), recipient,
                campaign, UUID.randomUUID(), "anna@example.org", "anna@example.org", "Anna", null,
                Map.of("city", "Berlin"), 1);
    }

    private static LedgerEntry withClaim(LedgerEntry e, UUID claimId) {
        return new LedgerEntry(e.recipientId(), e.generation(), e.projectId(), e.campaignId(), e.contactId(),
                e.email(), e.normalizedEmail(), e.firstName(), e.lastName(), e.fields(), e.status(), claimId,
                e.claimedAt(), e.attempt(), e.smtpCode(), e.enhancedCode(), e.smtpReply(), e.messageId(),
                e.nextAttemptAt(), e.createdAt());
    }
}
