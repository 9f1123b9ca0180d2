package io.tidings.campaigns.lifecycle;

import io.tidings.campaigns.campaigns.CampaignState;

/** A campaign row locked for a state change: where it stands, whether its expansion is done, why its sender is blocked. */
record CampaignLock(CampaignState state, boolean expansionDone, String senderBlockedReason) {
}
