package io.tidings.contacts.paging;

import io.tidings.contacts.problem.ProblemException;
import java.util.UUID;

/** The {@code after} cursor and {@code limit} of a keyset list call, validated into a 400 naming the parameter. */
public record PageRequest<C>(C after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** A page keyed by a UUID (contacts, segments): the usual default and maximum. */
    public static PageRequest<UUID> byId(String after, String limit) {
        return byId(after, limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static PageRequest<UUID> byId(String after, String limit, int defaultLimit, int maxLimit) {
        UUID cursor = null;
        if (after != null && !after.isBlank()) {
            try {
                cursor = UUID.fromString(after.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("after", "must be a cursor from a previous page's next");
            }
        }
        return new PageRequest<>(cursor, limit(limit, defaultLimit, maxLimit));
    }

    /** A page keyed by a line number (import rejects and repairs). */
    public static PageRequest<Long> byLine(String after, String limit) {
        long cursor = 0;
        if (after != null && !after.isBlank()) {
            try {
                cursor = Long.parseLong(after.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("after", "must be a cursor from a previous page's next");
            }
        }
        return new PageRequest<>(cursor, limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + maxLimit);
    }
}
