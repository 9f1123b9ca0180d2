package io.tidings.delivery.request;

/** A request that no retry can deliver (unreadable, wrong version, another project's campaign): for the DLQ. */
public class UndeliverableRequest extends RuntimeException {
    public UndeliverableRequest(String message) {
        super(message);
    }
}
