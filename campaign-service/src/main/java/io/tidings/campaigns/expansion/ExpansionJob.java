package io.tidings.campaigns.expansion;

import io.tidings.campaigns.campaigns.CampaignState;
import java.util.UUID;

/** Where a campaign's expansion stands: its segment and the last contact id stored (null before the first page). */
public record ExpansionJob(UUID campaignId, UUID projectId, UUID segmentId, CampaignState state, String cursor) {
}
