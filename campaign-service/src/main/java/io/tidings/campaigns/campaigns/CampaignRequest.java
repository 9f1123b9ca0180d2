package io.tidings.campaigns.campaigns;

/** The body of {@code POST /api/v1/campaigns}, as the client sent it. */
public record CampaignRequest(String name, String senderId, String segmentId, String subject, String textBody,
        String htmlBody) {
}
