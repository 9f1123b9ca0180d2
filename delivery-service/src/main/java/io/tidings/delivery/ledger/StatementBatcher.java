package io.tidings.delivery.ledger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Natural batching ("group commit") of one kind of statement: items submitted while statements of this kind are in
 * flight are gathered into the next one, up to {@code maxRows} items a statement and {@code maxInFlight} statements
 * at once. An idle pod runs each item at once, alone (no added latency); a busy one runs few statements of many
 * rows. The statement answers each item in order (a null answer is an answer: "no row"); a failed statement fails
 * every item it held.
 */
public final class StatementBatcher<I, O> {
    private final int maxRows;
    private final int maxInFlight;
    private final Function<List<I>, Uni<List<O>>> statement;
    private final Deque<Pending<I, O>> queue = new ArrayDeque<>();
    private int inFlight;

    public StatementBatcher(int maxRows, int maxInFlight, Function<List<I>, Uni<List<O>>> statement) {
        if (maxRows < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch needs at least one row and one statement in flight");
        }
        this.maxRows = maxRows;
        this.maxInFlight = maxInFlight;
        this.statement = statement;
    }

    /** The item's answer, once the statement that carried it completed; each subscription submits anew. */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                queue.add(new Pending<>(item, emitter));
            }
            flush();
        });
    }

    private void flush() {
        while (true) {
            List<Pending<I, O>> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || queue.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(Math.min(queue.size(), maxRows));
                while (batch.size() < maxRows && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
                inFlight++;
            }
            execute(batch);
        }
    }

    private void execute(List<Pending<I, O>> batch) {
        Uni<List<O>> run;
        try {
            run = statement.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        run.subscribe().with(answers -> {
            // answer first, then take the next batch: what the answers lead to joins that batch
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).emitter().complete(answers.get(i));
            }
            finished();
        }, failure -> {
            batch.forEach(pending -> pending.emitter().fail(failure));
            finished();
        });
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
        }
        flush();
    }

    private record Pending<I, O>(I item, UniEmitter<? super O> emitter) {
    }
}
