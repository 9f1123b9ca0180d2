package io.tidings.campaigns.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.campaigns.db.PlanSettings;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outcome batch's statements look recipients up by key in the plan a connection keeps. Prepared once per
 * connection, a statement runs a generic plan after five executions; made on a small recipients table (a fresh
 * install; statistics older than the rows), that plan hash-joins or sorts a sequential scan of every recipient, and
 * would do so at each batch of a 1,000,000-recipient send. Each statement is prepared here on one of the service's
 * connections under the settings of the outcome transaction, with the generic plan forced.
 */
@CampaignServiceTest
class OutcomePlansTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger CHECKS = new AtomicInteger();

    @Inject
    Pool pool;

    @Test
    void genericPlansOfTheOutcomeStatementsLookRecipientsUpByKey() {
        Map<String, Integer> statements = Map.of(
                RecipientOutcomes.LOCK_CAMPAIGNS, 1,
                RecipientOutcomes.READ, 1,
                RecipientOutcomes.WRITE, 10);

        statements.forEach((sql, parameters) -> {
            String plan = genericPlan(sql, parameters);
            assertThat(plan).as("generic plan of %s", sql)
                    .doesNotContain("Seq Scan on mailing_recipient", "Seq Scan on campaign", "Hash Join",
                            "Merge Join")
                    .containsPattern("Index (Only )?Scan using \\w+ on (mailing_recipient|campaign)");
        });
    }

    // the plan PostgreSQL would keep for the statement in an outcome transaction on one of the service's connections
    private String genericPlan(String sql, int parameterCount) {
        String name = "outcome_plan_check_" + CHECKS.incrementAndGet();
        String nulls = String.join(", ", Collections.nCopies(parameterCount, "NULL"));
        return pool.withTransaction(c -> c.query(PlanSettings.LOOKUPS_ONLY).execute()
                        .chain(() -> c.query("SET LOCAL plan_cache_mode = force_generic_plan").execute())
                        .chain(() -> c.query("PREPARE " + name + " AS " + sql).execute())
                        .chain(() -> c.query("EXPLAIN EXECUTE " + name + "(" + nulls + ")").execute())
                        .call(() -> c.query("DEALLOCATE " + name).execute()))
                .map(rows -> {
                    StringBuilder plan = new StringBuilder();
                    rows.forEach(row -> plan.append(row.getString(0)).append('\n'));
                    return plan.toString();
                })
                .await().atMost(WAIT);
    }
}
