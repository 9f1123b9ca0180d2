package io.tidings.campaigns.campaigns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tidings.campaigns.recipients.RecipientCounts;
import java.time.Instant;
import java.util.UUID;

/** A campaign as stored and as the API shows it, with its state and its recipients counted by status. */
public record Campaign(UUID id, @JsonIgnore UUID projectId, String name, UUID senderId, UUID segmentId,
        String subject, String textBody, String htmlBody, CampaignState state, String reason, long expandedCount,
        RecipientCounts counts, Instant createdAt, Instant updatedAt, Instant sentAt, Instant completedAt) {
}
