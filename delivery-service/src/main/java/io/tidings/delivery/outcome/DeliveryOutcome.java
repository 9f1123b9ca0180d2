package io.tidings.delivery.outcome;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import io.tidings.delivery.request.DeliveryRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to one delivery request, as published on {@code delivery.outcomes} (fixtures
 * {@code delivery.outcomes/v1-*.json}); every field is written, nulls included.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryOutcome(
        int version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        UUID recipientId,
        UUID campaignId,
        UUID contactId,
        String email,
        String normalizedEmail,
        int generation,
        int attempt,
        DeliveryStatus status,
        Integer smtpCode,
        String enhancedCode,
        String smtpReply,
        String messageId,
        Instant nextAttemptAt) {

    public static final String TYPE = "DeliveryOutcome";

    /** The outcome a ledger row records (a first publication or a re-publication: each has a fresh event id). */
    public static DeliveryOutcome of(LedgerEntry entry) {
        DeliveryStatus status = entry.status().asOutcome();
        boolean maybeDelivered = entry.status() == LedgerStatus.SENT || entry.status() == LedgerStatus.UNKNOWN;
        return new DeliveryOutcome(1, UUID.randomUUID(), TYPE, entry.projectId(), Instant.now(),
                entry.recipientId(), entry.campaignId(), entry.contactId(), entry.email(), entry.normalizedEmail(),
                entry.generation(), entry.attempt(), status, entry.smtpCode(), entry.enhancedCode(),
                entry.smtpReply(), maybeDelivered ? entry.messageId() : null,
                status == DeliveryStatus.DEFERRED ? entry.nextAttemptAt() : null);
    }

    /** An outcome reached without trying SMTP and without a ledger row (attempt 0): CANCELLED or PAUSED. */
    public static DeliveryOutcome untried(DeliveryRequest request, DeliveryStatus status, String reason) {
        return new DeliveryOutcome(1, UUID.randomUUID(), TYPE, request.projectId(), Instant.now(),
                request.recipientId(), request.campaignId(), request.contactId(), request.email(),
                request.normalizedEmail(), request.generation(), 0, status, null, null, reason, null, null);
    }
}
