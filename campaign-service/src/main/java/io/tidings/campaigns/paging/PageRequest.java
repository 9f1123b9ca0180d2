package io.tidings.campaigns.paging;

import io.tidings.campaigns.problems.ProblemException;
import java.util.UUID;

/** A keyset page request: the items whose id follows {@code after}, at most {@code limit} of them. */
public record PageRequest(UUID after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** Reads the {@code after} and {@code limit} query parameters; 400 naming the parameter when wrong. */
    public static PageRequest of(String after, String limit) {
        return new PageRequest(cursor(after), size(limit));
    }

    /** One more than the limit, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    private static UUID cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(after.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("after", "must be a cursor returned as next");
        }
    }

    private static int size(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return value;
    }
}
