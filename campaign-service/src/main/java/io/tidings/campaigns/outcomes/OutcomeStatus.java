package io.tidings.campaigns.outcomes;

import io.tidings.campaigns.recipients.RecipientStatus;

/** What delivery-service reports for one request, and the recipient status it leads to. */
public enum OutcomeStatus {
    SENT(RecipientStatus.SENT), DEFERRED(RecipientStatus.DEFERRED), BOUNCED(RecipientStatus.BOUNCED),
    FAILED(RecipientStatus.FAILED), SUPPRESSED(RecipientStatus.SUPPRESSED), CANCELLED(RecipientStatus.CANCELLED),
    UNKNOWN(RecipientStatus.UNKNOWN),
    /** Delivery skipped the request because the campaign is paused: back to PENDING, re-enqueued on resume. */
    PAUSED(RecipientStatus.PENDING),
    /** A 5.7.x policy rejection: back to PENDING; the sender is blocked and its sending campaigns paused. */
    SENDER_BLOCKED(RecipientStatus.PENDING);

    private final RecipientStatus recipientStatus;

    OutcomeStatus(RecipientStatus recipientStatus) {
        this.recipientStatus = recipientStatus;
    }

    public RecipientStatus recipientStatus() {
        return recipientStatus;
    }
}
