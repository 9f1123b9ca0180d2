package io.tidings.campaigns.recipients;

import java.time.Instant;
import java.util.UUID;

/** One recipient of a campaign as the API lists it: who, where it stands, and the last SMTP reply. */
public record Recipient(UUID id, UUID contactId, String email, String firstName, String lastName,
        RecipientStatus status, int generation, int attempt, Integer smtpCode, String enhancedCode, String smtpReply,
        String messageId, Instant updatedAt) {
}
