package io.tidings.campaigns.expansion;

import io.tidings.campaigns.campaigns.CampaignState;
import java.util.UUID;

/**
 * Where a campaign's expansion stands: its segment, the last contact id stored (null before the first page), and
 * whether the last page is stored.
 */
public record ExpansionJob(UUID campaignId, UUID projectId, UUID segmentId, CampaignState state, String cursor,
        boolean done) {

    /** Whether pages remain to be stored: the expansion is unfinished and the campaign neither draft nor cancelled. */
    public boolean wanted() {
        return !done && (state == CampaignState.EXPANDING || state == CampaignState.PAUSED);
    }
}
