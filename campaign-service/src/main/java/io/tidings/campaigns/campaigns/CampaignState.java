package io.tidings.campaigns.campaigns;

/** The life of a campaign: DRAFT, then EXPANDING its segment, SENDING, and finally COMPLETED (or paused/cancelled). */
public enum CampaignState {
    DRAFT, EXPANDING, SENDING, PAUSED, STALLED, COMPLETED, CANCELLED
}
