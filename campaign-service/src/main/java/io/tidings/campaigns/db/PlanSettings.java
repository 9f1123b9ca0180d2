package io.tidings.campaigns.db;

/**
 * Planner settings for one transaction ({@code SET LOCAL}) whose batched statements look rows up by key. Statements
 * are prepared once per connection, and PostgreSQL keeps a generic plan after five executions: one made while a
 * table was small (a fresh install, or statistics older than its rows) hash-joins a sequential scan of it, and would
 * do so at every batch for as long as the connection lives, however large the table grows.
 */
public final class PlanSettings {
    /**
     * A batch of ids is looked up row by row (nested loop over the ids), never joined by scanning the table. A plan
     * type turned off counts as costing 10^10, far above jit_above_cost, so this relies on the connections'
     * {@code jit = off} (application.properties): else each execution would be compiled first.
     */
    public static final String LOOKUPS_ONLY = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
            + "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off";

    private PlanSettings() {
    }
}
