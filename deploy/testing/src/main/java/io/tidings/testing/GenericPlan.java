package io.tidings.testing;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows the generic plan PostgreSQL would keep for a statement that a service prepares once per connection and runs
 * many times (after five executions it may keep a plan made without the parameters' values, at that moment's table
 * sizes and statistics). {@link #explain} is one multi-statement query, run on the service's own connection pool (so
 * its session settings apply) as one implicit transaction: the given {@code SET LOCAL} settings, the generic plan
 * forced, the statement prepared, explained with NULL parameters, and deallocated. Its plan is the result set whose
 * column is {@link #COLUMN}.
 */
public final class GenericPlan {
    /** The column of EXPLAIN's rows. */
    public static final String COLUMN = "QUERY PLAN";
    private static final AtomicInteger CHECKS = new AtomicInteger();

    private GenericPlan() {
    }

    /** The query that explains {@code sql}'s generic plan under {@code settings} (each a semicolon-separated list). */
    public static String explain(String sql, int parameterCount, String... settings) {
        String name = "generic_plan_check_" + CHECKS.incrementAndGet();
        String nulls = String.join(", ", Collections.nCopies(parameterCount, "NULL"));
        StringBuilder query = new StringBuilder();
        for (String setting : settings) {
            query.append(setting).append("; ");
        }
        return query.append("SET LOCAL plan_cache_mode = force_generic_plan; PREPARE ").append(name).append(" AS ")
                .append(sql).append("; EXPLAIN EXECUTE ").append(name).append('(').append(nulls).append("); DEALLOCATE ")
                .append(name).toString();
    }
}
