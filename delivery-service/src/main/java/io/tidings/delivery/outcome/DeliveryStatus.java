package io.tidings.delivery.outcome;

/** The status a {@code delivery.outcomes} event reports (the contract's enum). */
public enum DeliveryStatus {
    SENT, DEFERRED, BOUNCED, FAILED, SUPPRESSED, CANCELLED, PAUSED, UNKNOWN, SENDER_BLOCKED
}
