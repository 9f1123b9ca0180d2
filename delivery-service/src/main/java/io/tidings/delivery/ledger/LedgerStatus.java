package io.tidings.delivery.ledger;

import io.tidings.delivery.outcome.DeliveryStatus;

/** Where a ledger row stands: claimed (a send in flight), deferred (waiting to retry), or settled. */
public enum LedgerStatus {
    CLAIMED, SENT, DEFERRED, BOUNCED, FAILED, UNKNOWN, SENDER_BLOCKED, CANCELLED, SUPPRESSED,
    /** A DEFERRED generation that a newer generation of the same recipient replaced: never retried. */
    SUPERSEDED;

    /** Settled rows are never sent again; a redelivered request re-publishes their outcome. */
    public boolean settled() {
        return this != CLAIMED && this != DEFERRED;
    }

    public DeliveryStatus asOutcome() {
        if (this == CLAIMED || this == SUPERSEDED) {
            throw new IllegalStateException(this + " is not an outcome");
        }
        return DeliveryStatus.valueOf(name());
    }

    public static LedgerStatus of(DeliveryStatus status) {
        return valueOf(status.name());
    }
}
