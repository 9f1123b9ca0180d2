package io.tidings.delivery.rate;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A token of a sender's bucket granted to one send: released once the server replied (or the send failed, or will
 * not happen), so that the pod's sends of the sender that the server may still accept stay bounded. Releasing twice
 * is harmless.
 */
public final class SendToken {
    /** The token of a sender without a rate, or of a send that holds none: releasing it does nothing. */
    public static final SendToken UNUSED = new SendToken(null);

    private final SenderThrottle throttle;
    private final AtomicBoolean released = new AtomicBoolean();

    SendToken(SenderThrottle throttle) {
        this.throttle = throttle;
    }

    public void release() {
        if (throttle != null && released.compareAndSet(false, true)) {
            throttle.released();
        }
    }
}
