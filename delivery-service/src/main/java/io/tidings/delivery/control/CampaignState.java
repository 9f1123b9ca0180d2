package io.tidings.delivery.control;

/** A campaign's state as campaign-service announces it on {@code campaign.control}. */
public enum CampaignState {
    DRAFT, EXPANDING, SENDING, PAUSED, STALLED, COMPLETED, CANCELLED;

    /**
     * Whether a request of this campaign may be mailed now. A paused campaign, or one not started yet, hands its
     * requests back (outcome PAUSED); a cancelled one ends them (CANCELLED). STALLED and COMPLETED still send:
     * campaign-service only enqueues recipients it wants mailed, and says so by pausing or cancelling.
     */
    public boolean sends() {
        return this != DRAFT && this != PAUSED && this != CANCELLED;
    }
}
