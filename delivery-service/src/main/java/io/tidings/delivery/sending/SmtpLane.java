package io.tidings.delivery.sending;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tidings.delivery.outcome.DeliveryStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One mail client and the event-loop context it is driven from, always and only (a client driven from two contexts
 * was seen to lose sends silently). At most {@code maxInFlight} sends run on it; the others wait in line on the same
 * context, without a thread. Mails are composed on that context too, so the CPU work of composing and encoding
 * spreads over the clients' event loops. Every send has a deadline from its start on the client: one without a reply
 * by then gets UNKNOWN, since the final dot may have gone. The line moves because every started send ends by its
 * deadline, and it holds at most the pod's records in flight.
 */
final class SmtpLane {
    private final Vertx vertx;
    private final Context context;
    private final ReactiveMailer mailer;
    private final int maxInFlight;
    // touched on the context only
    private final Deque<PendingSend> line = new ArrayDeque<>();
    private int inFlight;
    // waiting + in flight, read by whoever picks a lane
    private final AtomicInteger load = new AtomicInteger();

    SmtpLane(Vertx vertx, Context context, ReactiveMailer mailer, int maxInFlight) {
        this.vertx = vertx;
        this.context = context;
        this.mailer = mailer;
        this.maxInFlight = maxInFlight;
    }

    int load() {
        return load.get();
    }

    Uni<SmtpReply> send(Supplier<Mail> compose, Runnable started, Duration deadline) {
        return Uni.createFrom().emitter(emitter -> {
            load.incrementAndGet();
            PendingSend send = new PendingSend(compose, started, emitter, deadline);
            context.runOnContext(ignored -> {
                line.add(send);
                pump();
            });
        });
    }

    private void pump() {
        while (inFlight < maxInFlight && !line.isEmpty()) {
            start(line.poll());
        }
    }

    private void start(PendingSend send) {
        send.started.run();
        Mail mail;
        try {
            mail = send.compose.get();
        } catch (UnsendableMail e) {
            settle(send, SmtpReplyClassifier.classify(e));
            return;
        } catch (RuntimeException e) {
            fail(send, e);
            return;
        }
        send.running = true;
        inFlight++;
        // the deadline runs from the start on the client: time in line is not the server's, and a queue in front of a
        // slow server must not turn into UNKNOWN sends. The line itself moves, since every started send ends by its
        // deadline, and it is bounded by the records in flight (consumers x batch)
        send.timer = vertx.setTimer(Math.max(1, send.deadline.toMillis()), id -> expire(send));
        try {
            mailer.send(mail).subscribe().with(
                    sent -> onContext(() -> finished(send, SmtpReplyClassifier.accepted())),
                    failure -> onContext(() -> finished(send, SmtpReplyClassifier.classify(failure))));
        } catch (IllegalArgumentException e) {
            // the mailer validates addresses before connecting: nothing left this pod
            finished(send, SmtpReplyClassifier.classify(new UnsendableMail(e.getMessage())));
        }
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private void finished(PendingSend send, SmtpReply reply) {
        release(send);
        settle(send, reply);
        pump();
    }

    private void expire(PendingSend send) {
        if (send.settled) {
            return;
        }
        if (!send.running) {
            line.remove(send);
            settle(send, SmtpReply.of(DeliveryStatus.DEFERRED, "not started within the send deadline of "
                    + send.deadline + " (too many sends in line): nothing was sent"));
            return;
        }
        // a late reply of the client only frees its place then; a lost one cannot hold the place forever
        release(send);
        settle(send, SmtpReplyClassifier.classify(new SendDeadlineExceeded(send.deadline)));
        pump();
    }

    private void release(PendingSend send) {
        if (send.running && !send.released) {
            send.released = true;
            inFlight--;
        }
    }

    private void settle(PendingSend send, SmtpReply reply) {
        if (send.settled) {
            return;
        }
        send.settled = true;
        vertx.cancelTimer(send.timer);
        load.decrementAndGet();
        send.emitter.complete(reply);
    }

    private void fail(PendingSend send, RuntimeException failure) {
        if (send.settled) {
            return;
        }
        send.settled = true;
        vertx.cancelTimer(send.timer);
        load.decrementAndGet();
        send.emitter.fail(failure);
    }

    private static final class PendingSend {
        final Supplier<Mail> compose;
        final Runnable started;
        final UniEmitter<? super SmtpReply> emitter;
        final Duration deadline;
        long timer;
        boolean running;
        boolean released;
        boolean settled;

        PendingSend(Supplier<Mail> compose, Runnable started, UniEmitter<? super SmtpReply> emitter,
                Duration deadline) {
            this.compose = compose;
            this.started = started;
            this.emitter = emitter;
            this.deadline = deadline;
        }
    }
}
