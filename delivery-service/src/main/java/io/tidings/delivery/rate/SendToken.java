package io.tidings.delivery.rate;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A token of a sender's bucket granted to one send: released once the send started on an SMTP client (or once it
 * will not happen), so that the pod's tokens granted but not yet turned into sends stay bounded. Releasing twice is
 * harmless.
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
