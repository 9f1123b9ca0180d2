package io.tidings.campaigns.paging;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a list: its items, and the cursor of the next page ({@code null} at the end). */
public record Page<T>(List<T> items, String next) {

    /** Cuts rows fetched with {@link PageRequest#fetchSize()} to the limit, with a cursor when more follow. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, UUID> id) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, request.limit()));
        return new Page<>(items, id.apply(items.get(items.size() - 1)).toString());
    }
}
