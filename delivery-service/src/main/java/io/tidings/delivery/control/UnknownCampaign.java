package io.tidings.delivery.control;

import java.time.Duration;
import java.util.UUID;

/** No control record of the campaign arrived within the wait: its request cannot be delivered here. */
public class UnknownCampaign extends RuntimeException {
    public UnknownCampaign(UUID campaignId, Duration wait) {
        super("no campaign.control record for campaign " + campaignId + " within " + wait);
    }
}
