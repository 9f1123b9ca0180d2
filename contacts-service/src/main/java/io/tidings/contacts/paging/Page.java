package io.tidings.contacts.paging;

import java.util.List;
import java.util.function.Function;

/** One keyset page: {@code next} is the cursor after the last item of a full page, null at the end. */
public record Page<T>(List<T> items, String next) {

    public static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
        String next = items.size() == limit && !items.isEmpty() ? cursor.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }
}
