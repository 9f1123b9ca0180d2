package io.tidings.delivery.rate;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * This pod's queue of sends waiting for one sender's tokens. One lease at a time asks the global bucket for as
 * many tokens as sends wait (at most the burst) and hands each granted token straight to a waiting send, so no
 * token is held unused; when the bucket is short, the next lease waits until its next token is due. At most
 * {@code maxOutstanding} tokens are out at once (granted, their send not yet started): a stall between token and
 * SMTP server cannot pile up more late sends than that, which the bucket's latency margin absorbs. Waiting never
 * blocks a thread: a waiting send is a pending future, a wait is a Vert.x timer.
 */
final class SenderThrottle {
    private static final Logger LOG = Logger.getLogger(SenderThrottle.class);

    private final UUID sender;
    private final TokenBuckets buckets;
    private final Vertx vertx;
    private final Duration storeRetry;
    private final Deque<CompletableFuture<SendToken>> waiting = new ArrayDeque<>();
    private boolean leasing;
    private int outstanding;
    private volatile int maxOutstanding = Integer.MAX_VALUE;
    private volatile double perSecond;
    private volatile int burst;

    SenderThrottle(UUID sender, TokenBuckets buckets, Vertx vertx, Duration storeRetry) {
        this.sender = sender;
        this.buckets = buckets;
        this.vertx = vertx;
        this.storeRetry = storeRetry;
    }

    /** Completes once a token of the sender is granted to this send; cancelling it gives up the place in line. */
    Uni<SendToken> acquire(double perSecond, int burst, int maxOutstanding) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxOutstanding = Math.max(1, maxOutstanding);
        CompletableFuture<SendToken> token = new CompletableFuture<>();
        boolean start;
        synchronized (this) {
            waiting.add(token);
            start = !leasing;
            leasing = true;
        }
        if (start) {
            lease();
        }
        return Uni.createFrom().completionStage(token).onCancellation().invoke(() -> {
            boolean granted;
            synchronized (this) {
                granted = !waiting.remove(token);
            }
            if (granted) {
                // granted just as the send gave up: nobody will use it
                token.thenAccept(SendToken::release);
            }
        });
    }

    /** A send of a granted token started (or will not happen): room for another token. */
    void released() {
        boolean start;
        synchronized (this) {
            outstanding--;
            start = !leasing && !waiting.isEmpty() && outstanding < maxOutstanding;
            leasing = leasing || start;
        }
        if (start) {
            lease();
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void lease() {
        int wanted;
        synchronized (this) {
            wanted = Math.min(Math.min(waiting.size(), burst), maxOutstanding - outstanding);
            if (wanted <= 0) {
                // nobody waits, or too many tokens are out: a release starts the next lease
                leasing = false;
                return;
            }
        }
        buckets.take(sender, perSecond, burst, wanted).subscribe().with(
                lease -> granted(lease, wanted),
                failure -> {
                    // fail closed: no token without the store; ask again a little later
                    LOG.warnf("token bucket of sender %s unreachable, no sends until it answers: %s", sender, failure);
                    vertx.setTimer(storeRetry.toMillis(), id -> lease());
                });
    }

    private void granted(TokenBuckets.Lease lease, int wanted) {
        List<CompletableFuture<SendToken>> served = new ArrayList<>(lease.granted());
        boolean more;
        boolean room;
        synchronized (this) {
            for (int i = 0; i < lease.granted() && !waiting.isEmpty(); i++) {
                served.add(waiting.poll());
                outstanding++;
            }
            room = outstanding < maxOutstanding;
            more = !waiting.isEmpty() && room;
            leasing = more;
        }
        // a token granted to a send that gave up meanwhile is spent unused: the rate can only end lower, never higher
        served.forEach(token -> token.complete(new SendToken(this)));
        if (!more) {
            return;
        }
        if (lease.granted() >= wanted) {
            lease();
        } else {
            long delay = Math.max(1, (long) Math.ceil(lease.waitSeconds() * 1000));
            vertx.setTimer(delay, id -> lease());
        }
    }
}
