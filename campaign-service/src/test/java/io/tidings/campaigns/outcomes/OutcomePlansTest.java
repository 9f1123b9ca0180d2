package io.tidings.campaigns.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.campaigns.db.PlanSettings;
import io.tidings.campaigns.support.CampaignServiceTest;
import io.tidings.testing.GenericPlan;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
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
        RowSet<Row> sets = pool.query(GenericPlan.explain(sql, parameterCount, PlanSettings.LOOKUPS_ONLY)).execute()
                .await().atMost(WAIT);
        StringBuilder plan = new StringBuilder();
        for (RowSet<Row> set = sets; set != null; set = set.next()) {
            if (set.columnsNames() != null && set.columnsNames().contains(GenericPlan.COLUMN)) {
                set.forEach(row -> plan.append(row.getString(0)).append('\n'));
            }
        }
        return plan.toString();
    }
}
