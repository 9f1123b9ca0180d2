package io.tidings.campaigns.status;

import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.paging.TimeOrderedIds;
import io.tidings.campaigns.senders.Rate;
import io.tidings.campaigns.senders.Sender;
import java.time.Instant;
import java.util.UUID;

/** Event of compacted topic campaign.control (fixture campaign.control/v1.json): content, sender, rate and state. */
public record CampaignControl(int version, UUID eventId, String type, UUID projectId, Instant occurredAt,
        UUID campaignId, CampaignState state, ControlSender sender, Content content) {

    /** The sender as delivery-service needs it, with its rate. */
    public record ControlSender(UUID id, String name, String fromEmail, String fromName, String replyTo, Rate rate) {
    }

    /** The subject and bodies, Qute templates with contact merge fields. */
    public record Content(String subject, String textBody, String htmlBody) {
    }

    public static CampaignControl of(Campaign campaign, Sender sender, CampaignState state) {
        return new CampaignControl(1, TimeOrderedIds.next(), "CampaignControl", campaign.projectId(), Instant.now(),
                campaign.id(), state,
                new ControlSender(sender.id(), sender.name(), sender.fromEmail(), sender.fromName(), sender.replyTo(),
                        sender.rate()),
                new Content(campaign.subject(), campaign.textBody(), campaign.htmlBody()));
    }
}
