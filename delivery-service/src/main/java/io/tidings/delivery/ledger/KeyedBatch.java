package io.tidings.delivery.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A batch of items that write ledger rows, one row per key: a multi-row statement may not touch a row twice (an
 * {@code INSERT ... ON CONFLICT} fails, an {@code UPDATE ... FROM} applies one of them at random), so the statement
 * gets one item per key, its <em>representative</em>, and only the representative is answered with what the
 * statement returned for its key; the other items of that key are answered null ("not mine"), as if they had come
 * a moment later.
 */
final class KeyedBatch<T> {
    private final List<T> items;
    private final Function<T, LedgerKey> key;
    private final Map<LedgerKey, T> representatives;

    private KeyedBatch(List<T> items, Function<T, LedgerKey> key, Map<LedgerKey, T> representatives) {
        this.items = items;
        this.key = key;
        this.representatives = representatives;
    }

    /** The first item of each key represents it (a claim: the first asker wins). */
    static <T> KeyedBatch<T> firstOfEachKey(List<T> items, Function<T, LedgerKey> key) {
        Map<LedgerKey, T> representatives = new LinkedHashMap<>();
        items.forEach(item -> representatives.putIfAbsent(key.apply(item), item));
        return new KeyedBatch<>(items, key, representatives);
    }

    /** The last item of each key represents it (a recording: the latest word stands). */
    static <T> KeyedBatch<T> lastOfEachKey(List<T> items, Function<T, LedgerKey> key) {
        Map<LedgerKey, T> representatives = new LinkedHashMap<>();
        items.forEach(item -> representatives.put(key.apply(item), item));
        return new KeyedBatch<>(items, key, representatives);
    }

    /** What the statement carries: one item per key. */
    List<T> rows() {
        return new ArrayList<>(representatives.values());
    }

    /** An answer per item, in order: the returned row of its key for a representative, null for the others. */
    List<LedgerEntry> answers(Map<LedgerKey, LedgerEntry> returned) {
        List<LedgerEntry> answers = new ArrayList<>(items.size());
        for (T item : items) {
            LedgerKey k = key.apply(item);
            answers.add(representatives.get(k) == item ? returned.get(k) : null);
        }
        return answers;
    }
}
