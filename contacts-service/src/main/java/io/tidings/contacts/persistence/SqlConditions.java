package io.tidings.contacts.persistence;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a WHERE clause and its positional parameters together, so a query carries only the conditions it
 * needs (which keeps the planner on the right index) and every value stays a bound parameter.
 */
public final class SqlConditions {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds a condition in which each {@code ?} stands for the next of {@code values}. */
    public SqlConditions add(String condition, Object... values) {
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            if (c == '?') {
                params.add(values[next++]);
                sql.append('$').append(params.size());
            } else {
                sql.append(c);
            }
        }
        conditions.add(sql.toString());
        return this;
    }

    /** A placeholder for one more parameter outside the WHERE clause (e.g. LIMIT). */
    public String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Tuple tuple() {
        return Tuple.from(params);
    }
}
