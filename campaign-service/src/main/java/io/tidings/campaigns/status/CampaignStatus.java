package io.tidings.campaigns.status;

import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.paging.TimeOrderedIds;
import io.tidings.campaigns.recipients.RecipientCounts;
import java.time.Instant;
import java.util.UUID;

/** Event of topic campaign.status (fixture campaign.status/v1.json): a state change or a progress snapshot. */
public record CampaignStatus(int version, UUID eventId, String type, UUID projectId, Instant occurredAt,
        UUID campaignId, CampaignState state, String reason, RecipientCounts counts) {

    public static CampaignStatus of(Campaign campaign) {
        return of(campaign, campaign.state(), campaign.reason());
    }

    /** A recorded state change of the campaign, with its current counts. */
    public static CampaignStatus of(Campaign campaign, CampaignState state, String reason) {
        return new CampaignStatus(1, TimeOrderedIds.next(), "CampaignStatus", campaign.projectId(), Instant.now(),
                campaign.id(), state, reason, campaign.counts());
    }
}
