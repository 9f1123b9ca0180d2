package io.tidings.delivery.ledger;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One row of the delivery ledger: a recipient's generation, what a resend needs, and the last SMTP reply. */
public record LedgerEntry(
        UUID recipientId,
        int generation,
        UUID projectId,
        UUID campaignId,
        UUID contactId,
        String email,
        String normalizedEmail,
        String firstName,
        String lastName,
        Map<String, String> fields,
        LedgerStatus status,
        UUID claimId,
        Instant claimedAt,
        int attempt,
        Integer smtpCode,
        String enhancedCode,
        String smtpReply,
        String messageId,
        Instant nextAttemptAt,
        Instant createdAt) {

    /** The recipient's key in the ledger. */
    public LedgerKey key() {
        return new LedgerKey(recipientId, generation);
    }

    /**
     * A row parked by the Kafka path while its sender had no token for it (DEFERRED, attempt 0, nothing announced):
     * the retry loop sends it; a redelivered request of it does nothing.
     */
    public boolean parked() {
        return status == LedgerStatus.DEFERRED && attempt == 0;
    }

    static LedgerEntry from(Row row) {
        return new LedgerEntry(
                row.getUUID("recipient_id"),
                row.getInteger("generation"),
                row.getUUID("project_id"),
                row.getUUID("campaign_id"),
                row.getUUID("contact_id"),
                row.getString("email"),
                row.getString("normalized_email"),
                row.getString("first_name"),
                row.getString("last_name"),
                fields(row.getJsonObject("fields")),
                LedgerStatus.valueOf(row.getString("status")),
                row.getUUID("claim_id"),
                instant(row.getOffsetDateTime("claimed_at")),
                row.getInteger("attempt"),
                row.getInteger("smtp_code"),
                row.getString("enhanced_code"),
                row.getString("smtp_reply"),
                row.getString("message_id"),
                instant(row.getOffsetDateTime("next_attempt_at")),
                instant(row.getOffsetDateTime("created_at")));
    }

    private static Map<String, String> fields(JsonObject json) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> fields.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        }
        return fields;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
