package io.tidings.delivery.sending;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One mail client and the event-loop context it is driven from, always and only (a client driven from two contexts
 * was seen to lose sends silently). A send first takes one of the lane's {@code maxInFlight} slots ({@link #slot()}),
 * waiting in line on the lane's context without a thread; only then is its recipient claimed and its mail composed
 * and sent, and the slot is freed once the reply is recorded. So a claim lives inside its slot, and a pod that dies
 * leaves at most its slots' claims unsettled (UNKNOWN), not everything it has read. Mails are composed on the lane's context, so the CPU work of
 * composing and encoding spreads over the clients' event loops. Every send has a deadline from its start on the
 * client: one without a reply by then gets UNKNOWN, since the final dot may have gone.
 */
final class SmtpLane {
    private final Vertx vertx;
    private final Context context;
    private final ReactiveMailer mailer;
    private final int maxInFlight;
    private final Duration deadline;
    // touched on the context only
    private final Deque<CompletableFuture<SmtpSlot>> line = new ArrayDeque<>();
    private int taken;
    // slots waited for + taken, read by whoever picks a lane
    private final AtomicInteger load = new AtomicInteger();

    SmtpLane(Vertx vertx, Context context, ReactiveMailer mailer, int maxInFlight, Duration deadline) {
        this.deadline = deadline;
        this.vertx = vertx;
        this.context = context;
        this.mailer = mailer;
        this.maxInFlight = maxInFlight;
    }

    /** The name of the thread this lane's context runs on. */
    Uni<String> thread() {
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored ->
                emitter.complete(Thread.currentThread().getName())));
    }

    int load() {
        return load.get();
    }

    /**
     * A slot on this client, once one is free; held until {@link SmtpSlot#release()}. Giving up the wait
     * (cancelling) gives up the place in line.
     */
    Uni<SmtpSlot> slot() {
        CompletableFuture<SmtpSlot> waiter = new CompletableFuture<>();
        load.incrementAndGet();
        context.runOnContext(ignored -> {
            line.add(waiter);
            pump();
        });
        return Uni.createFrom().completionStage(waiter).onCancellation().invoke(() -> context.runOnContext(ig -> {
            if (line.remove(waiter)) {
                load.decrementAndGet();
            } else {
                // granted just as the wait was given up: nobody will use it
                waiter.thenAccept(SmtpSlot::release);
            }
        }));
    }

    private void pump() {
        while (taken < maxInFlight && !line.isEmpty()) {
            taken++;
            if (!line.poll().complete(new Slot())) {
                // the wait was given up (its future cancelled) before its place came
                taken--;
                load.decrementAndGet();
            }
        }
    }

    private void free() {
        taken--;
        load.decrementAndGet();
        pump();
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** One taken slot: at most one send; free again once released. Driven on the lane's context. */
    private final class Slot implements SmtpSlot {
        private boolean used;
        private boolean freed;
        private boolean settled;
        private long timer = -1;
        private UniEmitter<? super SmtpReply> emitter;

        @Override
        public Uni<SmtpReply> send(Supplier<Mail> compose) {
            return Uni.createFrom().emitter(emitter -> onContext(() -> start(compose, emitter)));
        }

        @Override
        public void release() {
            onContext(() -> {
                used = true;
                freeOnce();
            });
        }

        private void start(Supplier<Mail> compose, UniEmitter<? super SmtpReply> emitter) {
            if (used) {
                emitter.fail(new IllegalStateException("an SMTP slot carries one send, and this one was used"));
                return;
            }
            used = true;
            this.emitter = emitter;
            Mail mail;
            try {
                mail = compose.get();
            } catch (UnsendableMail e) {
                finished(SmtpReplyClassifier.classify(e));
                return;
            } catch (RuntimeException e) {
                settled = true;
                emitter.fail(e);
                return;
            }
            // the deadline runs from the start on the client: a lost reply cannot hold the slot forever
            timer = vertx.setTimer(Math.max(1, deadline.toMillis()),
                    id -> finished(SmtpReplyClassifier.classify(new SendDeadlineExceeded(deadline))));
            try {
                mailer.send(mail).subscribe().with(
                        sent -> onContext(() -> finished(SmtpReplyClassifier.accepted())),
                        failure -> onContext(() -> finished(SmtpReplyClassifier.classify(failure))));
            } catch (IllegalArgumentException e) {
                // the mailer validates addresses before connecting: nothing left this pod
                finished(SmtpReplyClassifier.classify(new UnsendableMail(e.getMessage())));
            }
        }

        // the first of reply and deadline settles the send; a late reply of the client changes nothing
        private void finished(SmtpReply reply) {
            if (settled) {
                return;
            }
            settled = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            emitter.complete(reply);
        }

        private void freeOnce() {
            if (!freed) {
                freed = true;
                free();
            }
        }
    }
}
